package auth

import (
	"context"
	"fmt"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/store"
)

// change runs fn on the named user inside a transaction and records ev,
// with the detail fn returns when ev has none; it is the one path by which
// accounts change after creation.
func (s *Service) change(ctx context.Context, username string, ev audit.Event, fn func(tx *store.Tx, u User) (any, error)) (User, error) {
	var out User
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		u, err := userBy(ctx, tx, "username", username)
		if err != nil {
			return err
		}
		detail, err := fn(tx, u)
		if err != nil {
			return err
		}
		if ev.Detail == nil {
			ev.Detail = detail
		}
		if out, err = userBy(ctx, tx, "id", u.ID); err != nil {
			return err
		}
		ev.Object = "user:" + username
		return audit.Record(ctx, tx, ev)
	})
	return out, err
}

// SetDisabled disables or re-enables an account. Disabling ends its sessions
// and revokes nothing else: its API tokens stop working because they act as
// the user.
func (s *Service) SetDisabled(ctx context.Context, username string, disabled bool) (User, error) {
	if err := requireAdmin(ctx); err != nil {
		return User{}, err
	}
	if disabled && username == access.From(ctx).User {
		return User{}, apperr.New(apperr.Invalid, "不能停用自己的账号")
	}
	ev := audit.Event{Action: audit.ActionUserDisable, Detail: map[string]bool{"disabled": disabled}}
	return s.change(ctx, username, ev, func(tx *store.Tx, u User) (any, error) {
		if _, err := tx.Exec(ctx, `UPDATE users SET disabled = ?, failed_logins = 0, locked_until = '', updated_at = ? WHERE id = ?`, disabled, stamp(s.now()), u.ID); err != nil {
			return nil, fmt.Errorf("updating user %s: %w", username, err)
		}
		return nil, endSessions(ctx, tx, u.ID)
	})
}

// SetGrant changes a user's role and scopes (a permission change, audited
// with the old and new scopes) and ends the user's sessions so the new
// scope applies at once.
func (s *Service) SetGrant(ctx context.Context, username string, g Grant) (User, error) {
	if err := requireAdmin(ctx); err != nil {
		return User{}, err
	}
	ev := audit.Event{Action: audit.ActionUserUpdate}
	return s.change(ctx, username, ev, func(tx *store.Tx, u User) (any, error) {
		view, enter, err := s.scopes(ctx, tx, g)
		if err != nil {
			return nil, err
		}
		detail := map[string]any{"old": map[string]any{"role": u.Role, "view": u.View, "enter": u.Enter},
			"new": map[string]any{"role": g.Role, "view": view, "enter": enter}}
		_, err = tx.Exec(ctx, `UPDATE users SET role = ?, view_scope = ?, enter_scope = ?, updated_at = ? WHERE id = ?`,
			string(g.Role), scopeJSON(view), scopeJSON(enter), stamp(s.now()), u.ID)
		if err != nil {
			return nil, fmt.Errorf("updating user %s: %w", username, err)
		}
		return detail, endSessions(ctx, tx, u.ID)
	})
}

// ResetPassword sets a new password chosen by an administrator; the user
// must change it at next login unless mustChange is false. The lock is
// lifted, sessions end and the user's API tokens are revoked: a reset is
// how an account that was lost or taken over is recovered, and a token an
// intruder minted must not survive it.
func (s *Service) ResetPassword(ctx context.Context, username, password string, mustChange bool) (User, error) {
	if err := requireAdmin(ctx); err != nil {
		return User{}, err
	}
	ev := audit.Event{Action: audit.ActionPasswordReset}
	return s.change(ctx, username, ev, func(tx *store.Tx, u User) (any, error) {
		if err := s.setPassword(ctx, tx, u, password, mustChange); err != nil {
			return nil, err
		}
		n, err := s.revokeTokens(ctx, tx, u.ID)
		return map[string]any{"must_change": mustChange, "tokens_revoked": n}, err
	})
}

// revokeTokens revokes every live token of a user and says how many.
func (s *Service) revokeTokens(ctx context.Context, tx *store.Tx, userID int64) (int64, error) {
	res, err := tx.Exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at = ''`, stamp(s.now()), userID)
	if err != nil {
		return 0, fmt.Errorf("revoking the API tokens of user %d: %w", userID, err)
	}
	return res.RowsAffected()
}

// ChangePassword lets the calling user replace their own password after
// proving the current one.
func (s *Service) ChangePassword(ctx context.Context, current, next string) error {
	username := access.From(ctx).User
	ev := audit.Event{Action: audit.ActionPasswordChange}
	_, err := s.change(ctx, username, ev, func(tx *store.Tx, u User) (any, error) {
		ok, _, err := CheckPassword(current, u.passwordHash, s.Policy.Argon2)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, apperr.New(apperr.Invalid, "当前密码不正确")
		}
		if current == next {
			return nil, apperr.New(apperr.Invalid, "新密码不能与当前密码相同")
		}
		return nil, s.setPassword(ctx, tx, u, next, false)
	})
	return err
}

func (s *Service) setPassword(ctx context.Context, tx *store.Tx, u User, password string, mustChange bool) error {
	if err := s.Policy.CheckPasswordRules(password, u.Username); err != nil {
		return err
	}
	hash, err := HashPassword(password, s.Policy.Argon2)
	if err != nil {
		return err
	}
	now := stamp(s.now())
	_, err = tx.Exec(ctx, `UPDATE users SET password_hash = ?, password_changed_at = ?, must_change = ?, failed_logins = 0, locked_until = '', updated_at = ? WHERE id = ?`,
		hash, now, mustChange, now, u.ID)
	if err != nil {
		return fmt.Errorf("setting the password of %s: %w", u.Username, err)
	}
	return endSessions(ctx, tx, u.ID)
}

func endSessions(ctx context.Context, q store.Querier, userID int64) error {
	if _, err := q.Exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
		return fmt.Errorf("ending sessions of user %d: %w", userID, err)
	}
	return nil
}
