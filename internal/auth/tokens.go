package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/store"
)

// Token is an API token as listed (never its secret).
type Token struct {
	ID         int64  `json:"id"`
	Username   string `json:"username"`
	Name       string `json:"name"`
	ReadOnly   bool   `json:"read_only"`
	CreatedAt  string `json:"created_at"`
	ExpiresAt  string `json:"expires_at,omitempty"`
	LastUsedAt string `json:"last_used_at,omitempty"`
	RevokedAt  string `json:"revoked_at,omitempty"`
}

// mayManageTokens lets users manage their own tokens and administrators
// everyone's.
func mayManageTokens(ctx context.Context, username string) error {
	p := access.From(ctx)
	if p.Role != access.RoleAdmin && p.User != username {
		return apperr.New(apperr.Forbidden, "只能管理自己的 API 令牌")
	}
	return nil
}

// CreateToken issues a token acting as username (with that user's role and
// scopes, or only reading when readOnly) for days days, at most the
// policy's tokens.max_days; 0 takes the policy default. The secret is
// returned once and stored only as a hash. No token is issued while the
// user's password must change: a password reset ends every token, and a
// token minted before the change would outlive it.
func (s *Service) CreateToken(ctx context.Context, username, name string, readOnly bool, days int) (Token, string, error) {
	if err := mayManageTokens(ctx, username); err != nil {
		return Token{}, "", err
	}
	if name == "" || len(name) > 100 {
		return Token{}, "", apperr.New(apperr.Invalid, "令牌名称不能为空，且不超过 100 个字符")
	}
	if days == 0 {
		days = s.Policy.Tokens.DefaultDays
	}
	if days < 1 || days > s.Policy.Tokens.MaxDays {
		return Token{}, "", apperr.New(apperr.Invalid, "令牌有效期应为 1–%d 天（安全策略 tokens.max_days）", s.Policy.Tokens.MaxDays)
	}
	secret, err := newSecret("mfg_")
	if err != nil {
		return Token{}, "", fmt.Errorf("generating an API token: %w", err)
	}
	now := s.now()
	t := Token{Username: username, Name: name, ReadOnly: readOnly, CreatedAt: stamp(now), ExpiresAt: stamp(now.AddDate(0, 0, days))}
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		u, err := userBy(ctx, tx, "username", username)
		if err != nil {
			return err
		}
		if u.MustChange || s.passwordExpired(u) {
			return apperr.New(apperr.Forbidden, "用户 %s 的密码需要修改（管理员重置或已过期），修改密码后才能创建 API 令牌", username)
		}
		err = tx.QueryRow(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, read_only, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			u.ID, name, secretHash(secret), readOnly, t.CreatedAt, t.ExpiresAt).Scan(&t.ID)
		if err != nil {
			return fmt.Errorf("storing an API token for %s: %w", username, err)
		}
		return audit.Record(ctx, tx, audit.Event{Action: audit.ActionTokenCreate, Object: fmt.Sprintf("token:%d", t.ID),
			Detail: map[string]any{"user": username, "name": name, "read_only": readOnly, "expires_at": t.ExpiresAt}})
	})
	return t, secret, err
}

const tokenColumns = `t.id, u.username, t.name, t.read_only, t.created_at, t.expires_at, t.last_used_at, t.revoked_at`

func scanToken(sc interface{ Scan(...any) error }) (Token, error) {
	var t Token
	err := sc.Scan(&t.ID, &t.Username, &t.Name, &t.ReadOnly, &t.CreatedAt, &t.ExpiresAt, &t.LastUsedAt, &t.RevokedAt)
	return t, err
}

// ListTokens lists a user's tokens, revoked ones included.
func (s *Service) ListTokens(ctx context.Context, username string) ([]Token, error) {
	if err := mayManageTokens(ctx, username); err != nil {
		return nil, err
	}
	rows, err := s.DB.Query(ctx, `SELECT `+tokenColumns+` FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE u.username = ? ORDER BY t.id`, username)
	if err != nil {
		return nil, fmt.Errorf("listing tokens of %s: %w", username, err)
	}
	defer rows.Close()
	out := []Token{}
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, fmt.Errorf("listing tokens of %s: %w", username, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken ends a token at once; the owner or an administrator may.
func (s *Service) RevokeToken(ctx context.Context, id int64) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		t, err := scanToken(tx.QueryRow(ctx, `SELECT `+tokenColumns+` FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) || (err == nil && mayManageTokens(ctx, t.Username) != nil) {
			return apperr.New(apperr.NotFound, "API 令牌 %d 不存在", id)
		}
		if err != nil {
			return fmt.Errorf("loading API token %d: %w", id, err)
		}
		if t.RevokedAt != "" {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ?`, stamp(s.now()), id); err != nil {
			return fmt.Errorf("revoking API token %d: %w", id, err)
		}
		return audit.Record(ctx, tx, audit.Event{Action: audit.ActionTokenRevoke, Object: fmt.Sprintf("token:%d", id), Detail: map[string]string{"user": t.Username}})
	})
}

// AuthenticateToken resolves a bearer token to its user. Revoked, expired
// tokens and tokens of disabled users are refused.
func (s *Service) AuthenticateToken(ctx context.Context, secret string) (Current, error) {
	var cur Current
	var userID, id int64
	var expires, revoked, used string
	err := s.DB.QueryRow(ctx, `SELECT id, user_id, read_only, expires_at, revoked_at, last_used_at FROM api_tokens WHERE token_hash = ?`, secretHash(secret)).
		Scan(&id, &userID, &cur.ReadOnly, &expires, &revoked, &used)
	now := s.now()
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return cur, apperr.New(apperr.Unauthenticated, "API 令牌无效")
	case err != nil:
		return cur, fmt.Errorf("looking up an API token: %w", err)
	case revoked != "":
		return cur, apperr.New(apperr.Unauthenticated, "API 令牌已被撤销")
	case expires != "" && now.After(parseStamp(expires)):
		return cur, apperr.New(apperr.Unauthenticated, "API 令牌已过期")
	}
	if cur.User, err = userBy(ctx, s.DB, "id", userID); err != nil {
		return cur, err
	}
	if cur.User.Disabled {
		return cur, apperr.New(apperr.Unauthenticated, "API 令牌所属账号已停用")
	}
	// A token acts as its user, so the user's must-change gate holds for it
	// as for a session.
	cur.Info.MustChangePassword = cur.User.MustChange || s.passwordExpired(cur.User)
	if now.Sub(parseStamp(used)) > time.Duration(s.Policy.Session.TouchSeconds)*time.Second {
		if _, err := s.DB.Exec(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, stamp(now), id); err != nil {
			return cur, fmt.Errorf("recording use of API token %d: %w", id, err)
		}
	}
	return cur, nil
}

// Principal is the access principal of the caller; read-only tokens keep the
// user's view scope and lose the entry scope.
func (c Current) Principal() access.Principal {
	p := c.User.Principal()
	if c.ReadOnly {
		p.Enter = access.Scope{}
	}
	return p
}
