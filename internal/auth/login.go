package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/store"
)

// Session is a new login: Token goes into the cookie and nowhere else; the
// client sends CSRF back in the X-CSRF-Token header on every state-changing
// request.
type Session struct {
	Token string      `json:"-"`
	CSRF  string      `json:"csrf_token"`
	User  User        `json:"user"`
	State SessionInfo `json:"session"`
}

// SessionInfo is what the client may know about its session.
type SessionInfo struct {
	// MustChangePassword is set after an administrator's reset or when the
	// password has expired: only the auth endpoints work until it changes.
	MustChangePassword bool `json:"must_change_password"`
	IdleTimeoutSeconds int  `json:"idle_timeout_seconds"`
}

// errBadLogin is the one answer to every refused login — unknown user,
// wrong password, locked account — so that answers do not tell which
// accounts exist or are locked (a locked account's owner learns it from
// the administrator, who sees it in the user list and the audit log).
var errBadLogin = apperr.New(apperr.Unauthenticated, "用户名或密码错误（连续输错多次后账号将暂时锁定）")

// Login checks a username and password under the lockout policy and opens
// a session. Every attempt, failed or not, is audited with the client
// address. The attempt is counted before the password is checked, in the
// database, so that concurrent guesses cannot try more passwords than the
// policy allows.
func (s *Service) Login(ctx context.Context, username, password string) (Session, error) {
	u, err := userBy(ctx, s.DB, "username", username)
	if apperr.CodeOf(err) == apperr.NotFound {
		// Hash anyway so that response time does not reveal which usernames exist.
		HashPassword(password, s.Policy.Argon2)
		return Session{}, s.failed(ctx, username, "unknown user", errBadLogin)
	}
	if err != nil {
		return Session{}, err
	}
	attempt, err := s.countAttempt(ctx, u)
	if err != nil {
		return Session{}, err
	}
	if attempt.locked {
		HashPassword(password, s.Policy.Argon2) // as long as a check: the lock is not told by timing either
		return Session{}, s.failed(ctx, username, "locked until "+attempt.until, errBadLogin)
	}
	ok, stale, err := CheckPassword(password, u.passwordHash, s.Policy.Argon2)
	if err != nil {
		return Session{}, fmt.Errorf("checking the password of %s: %w", username, err)
	}
	if !ok {
		return Session{}, s.wrongPassword(ctx, u, attempt)
	}
	if u.Disabled {
		return Session{}, s.failed(ctx, username, "disabled", apperr.New(apperr.Forbidden, "账号已停用，请联系系统管理员"))
	}
	return s.openSession(ctx, u, password, stale)
}

// attempt is a login attempt as counted: its number since the last success
// or lock, and whether the account is locked (then no password is tried).
type attempt struct {
	n      int
	locked bool
	until  string
}

// countAttempt increments the account's attempt counter in the database
// (the UPDATE takes the row's lock, so concurrent attempts are counted one
// after the other) and locks the account once more attempts arrive than
// the policy allows failures.
func (s *Service) countAttempt(ctx context.Context, u User) (attempt, error) {
	var a attempt
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.QueryRow(ctx, `UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins, locked_until`, u.ID).Scan(&a.n, &a.until); err != nil {
			return fmt.Errorf("counting a login attempt of %s: %w", u.Username, err)
		}
		now := s.now()
		switch until := parseStamp(a.until); {
		case now.Before(until):
			a.locked = true
		case a.n > s.Policy.Lockout.MaxFailures:
			a.locked, a.until = true, stamp(now.Add(s.lockDuration()))
		default:
			return nil
		}
		_, err := tx.Exec(ctx, `UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?`, a.until, u.ID)
		return err
	})
	return a, err
}

func (s *Service) lockDuration() time.Duration {
	return time.Duration(s.Policy.Lockout.LockMinutes) * time.Minute
}

// failed records a failed attempt and returns the error for the caller.
func (s *Service) failed(ctx context.Context, username, reason string, err error) error {
	ev := audit.Event{Action: audit.ActionLoginFailed, Actor: username, Object: "user:" + username, Outcome: "failed", Detail: map[string]string{"reason": reason}}
	if aerr := audit.Record(ctx, s.DB, ev); aerr != nil {
		return errors.Join(err, aerr)
	}
	return err
}

// wrongPassword locks the account when this attempt was the last failure
// the policy allows; the attempt itself was counted before the check.
func (s *Service) wrongPassword(ctx context.Context, u User, a attempt) error {
	reason := "wrong password"
	if a.n >= s.Policy.Lockout.MaxFailures {
		until := stamp(s.now().Add(s.lockDuration()))
		if _, err := s.DB.Exec(ctx, `UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?`, until, u.ID); err != nil {
			return fmt.Errorf("locking %s after failed logins: %w", u.Username, err)
		}
		reason += "; locked until " + until
	}
	return s.failed(ctx, u.Username, reason, errBadLogin)
}

func (s *Service) openSession(ctx context.Context, u User, password string, stale bool) (Session, error) {
	token, err1 := newSecret("ms_")
	csrf, err2 := newSecret("")
	if err := errors.Join(err1, err2); err != nil {
		return Session{}, fmt.Errorf("generating a session token: %w", err)
	}
	now := stamp(s.now())
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE users SET failed_logins = 0, locked_until = '' WHERE id = ?`, u.ID); err != nil {
			return fmt.Errorf("resetting failed logins of %s: %w", u.Username, err)
		}
		if stale {
			if err := s.rehash(ctx, tx, u, password); err != nil {
				return err
			}
		}
		if err := s.pruneSessions(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO sessions (token_hash, user_id, csrf_token, ip, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)`,
			secretHash(token), u.ID, csrf, audit.ClientOf(ctx), now, now); err != nil {
			return fmt.Errorf("opening a session for %s: %w", u.Username, err)
		}
		return audit.Record(access.With(ctx, u.Principal()), tx, audit.Event{Action: audit.ActionLoginOK, Object: "user:" + u.Username})
	})
	info := SessionInfo{MustChangePassword: u.MustChange || s.passwordExpired(u), IdleTimeoutSeconds: s.Policy.Session.IdleMinutes * 60}
	return Session{Token: token, CSRF: csrf, User: u, State: info}, err
}

// rehash stores the password under the current argon2id parameters, so that
// raising them in the policy strengthens every hash as users log in.
func (s *Service) rehash(ctx context.Context, tx *store.Tx, u User, password string) error {
	hash, err := HashPassword(password, s.Policy.Argon2)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, u.ID); err != nil {
		return fmt.Errorf("re-hashing the password of %s: %w", u.Username, err)
	}
	return nil
}
