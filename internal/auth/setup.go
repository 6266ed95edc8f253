package auth

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/store"
)

// setupKey is the settings row holding "hash|expiry" of the pending
// one-time setup token.
const setupKey = "auth.setup_token"

// setupPrincipal creates the first administrator; the audit log shows it.
var setupPrincipal = access.Principal{User: "setup", Role: access.RoleAdmin, View: access.Scope{All: true}, Enter: access.Scope{All: true}}

// StartSetup returns a new one-time token for creating the first
// administrator when the store has no users, and "" otherwise. There is no
// default password: whoever can read the server's output creates the
// account. Each call replaces the previous token.
func (s *Service) StartSetup(ctx context.Context) (string, error) {
	n, err := s.CountUsers(ctx)
	if err != nil || n > 0 {
		return "", err
	}
	secret, err := newSecret("setup_")
	if err != nil {
		return "", fmt.Errorf("generating the setup token: %w", err)
	}
	value := secretHash(secret) + "|" + stamp(s.now().Add(time.Duration(s.Policy.Setup.TokenHours)*time.Hour))
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM settings WHERE key = ?`, setupKey); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)`, setupKey, value)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("storing the setup token: %w", err)
	}
	return secret, nil
}

// CompleteSetup creates the first administrator with the one-time token.
// The token is consumed before the account is created, so it works once.
func (s *Service) CompleteSetup(ctx context.Context, secret string, nu NewUser) (User, error) {
	nu.Grant = Grant{Role: access.RoleAdmin}
	if !usernamePattern.MatchString(nu.Username) {
		return User{}, apperr.New(apperr.Invalid, "用户名 %q 无效", nu.Username)
	}
	if err := s.Policy.CheckPasswordRules(nu.Password, nu.Username); err != nil {
		return User{}, err
	}
	if err := s.claimSetup(ctx, secret); err != nil {
		return User{}, err
	}
	return s.addUser(access.With(ctx, setupPrincipal), nu)
}

func (s *Service) claimSetup(ctx context.Context, secret string) error {
	invalid := apperr.New(apperr.Forbidden, "初始化令牌无效或已使用；请重启服务获取新的初始化链接")
	var value string
	err := s.DB.QueryRow(ctx, `SELECT value FROM settings WHERE key = ?`, setupKey).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return invalid
	}
	if err != nil {
		return fmt.Errorf("reading the setup token: %w", err)
	}
	hash, expiry, _ := strings.Cut(value, "|")
	if subtle.ConstantTimeCompare([]byte(hash), []byte(secretHash(secret))) != 1 {
		return invalid
	}
	if s.now().After(parseStamp(expiry)) {
		return apperr.New(apperr.Forbidden, "初始化令牌已过期；请重启服务获取新的初始化链接")
	}
	if n, err := s.CountUsers(ctx); err != nil || n > 0 {
		return errors.Join(err, conflictIf(n > 0, "系统已有用户，不能再次初始化"))
	}
	res, err := s.DB.Exec(ctx, `DELETE FROM settings WHERE key = ? AND value = ?`, setupKey, value)
	if err != nil {
		return fmt.Errorf("consuming the setup token: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return invalid
	}
	return nil
}
