package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/store"
)

// Current is a request's authenticated caller.
type Current struct {
	User User
	// CSRF is the session's token; empty for API tokens, which are not sent
	// by browsers on their own and so need none.
	CSRF string
	Info SessionInfo
	// ReadOnly is set for API tokens created read-only.
	ReadOnly bool
}

var errNoSession = apperr.New(apperr.Unauthenticated, "未登录或会话已失效，请重新登录")

// Authenticate resolves a session cookie value. A session unused for longer
// than the idle timeout, or older than the absolute limit, is ended.
func (s *Service) Authenticate(ctx context.Context, token string) (Current, error) {
	var cur Current
	var userID int64
	var created, seen string
	hash := secretHash(token)
	err := s.DB.QueryRow(ctx, `SELECT user_id, csrf_token, created_at, last_seen_at FROM sessions WHERE token_hash = ?`, hash).
		Scan(&userID, &cur.CSRF, &created, &seen)
	if errors.Is(err, sql.ErrNoRows) {
		return cur, errNoSession
	}
	if err != nil {
		return cur, fmt.Errorf("looking up a session: %w", err)
	}
	now := s.now()
	idle := now.Sub(parseStamp(seen)) > s.Policy.IdleTimeout()
	expired := now.Sub(parseStamp(created)) > time.Duration(s.Policy.Session.AbsoluteHours)*time.Hour
	if idle || expired {
		if err := s.endSession(ctx, hash); err != nil {
			return cur, err
		}
		return cur, apperr.New(apperr.Unauthenticated, "会话已超时（%d 分钟无操作或登录超过 %d 小时），请重新登录",
			s.Policy.Session.IdleMinutes, s.Policy.Session.AbsoluteHours)
	}
	if cur.User, err = userBy(ctx, s.DB, "id", userID); err != nil {
		return cur, err
	}
	if cur.User.Disabled {
		return cur, errNoSession
	}
	if now.Sub(parseStamp(seen)) > time.Duration(s.Policy.Session.TouchSeconds)*time.Second {
		if _, err := s.DB.Exec(ctx, `UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`, stamp(now), hash); err != nil {
			return cur, fmt.Errorf("touching a session: %w", err)
		}
	}
	cur.Info = SessionInfo{MustChangePassword: cur.User.MustChange || s.passwordExpired(cur.User), IdleTimeoutSeconds: s.Policy.Session.IdleMinutes * 60}
	return cur, nil
}

// Logout ends the session and records it.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, secretHash(token))
		if err != nil {
			return fmt.Errorf("ending a session: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return audit.Record(ctx, tx, audit.Event{Action: audit.ActionLogout})
	})
}

func (s *Service) endSession(ctx context.Context, hash string) error {
	if _, err := s.DB.Exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, hash); err != nil {
		return fmt.Errorf("ending a session: %w", err)
	}
	return nil
}

// pruneSessions deletes every session past its idle or absolute limit;
// logins call it so the table holds only live sessions.
func (s *Service) pruneSessions(ctx context.Context, q store.Querier) error {
	now := s.now()
	idle := stamp(now.Add(-s.Policy.IdleTimeout()))
	old := stamp(now.Add(-time.Duration(s.Policy.Session.AbsoluteHours) * time.Hour))
	if _, err := q.Exec(ctx, `DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?`, idle, old); err != nil {
		return fmt.Errorf("pruning expired sessions: %w", err)
	}
	return nil
}
