// Package auth is who may log in and as whom: users with a role and separate
// view and entry scopes (as DHIS2 does), argon2id passwords under a
// configurable policy, login lockout, sessions with an idle timeout and a
// CSRF token, revocable API tokens, and the one-time setup of the first
// administrator. Every change is written to the audit log.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/store"
)

// Places tells whether a county or park code exists (the loaded plan's
// counties and parks), so that a user's scope cannot name a place that is
// not there.
type Places interface {
	HasCounty(code string) bool
	HasPark(code string) bool
}

// Service manages users, sessions and tokens.
type Service struct {
	DB     *store.DB
	Policy Policy
	Places Places
	// Now is the clock; tests inject one to step past timeouts.
	Now func() time.Time
}

// New returns a service using the real clock.
func New(db *store.DB, pol Policy, places Places) *Service {
	return &Service{DB: db, Policy: pol, Places: places, Now: time.Now}
}

func (s *Service) now() time.Time { return s.Now().UTC() }

// stamp formats times with a fixed number of fractional digits, so that
// stored timestamps compare correctly as text in SQL.
func stamp(t time.Time) string { return t.UTC().Format(audit.TimeFormat) }

func parseStamp(v string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, v)
	return t
}

// requireAdmin allows only the 系统管理员 (and local CLI commands, which run
// as access.System) to manage users.
func requireAdmin(ctx context.Context) error {
	if access.From(ctx).Role != access.RoleAdmin {
		return apperr.New(apperr.Forbidden, "只有系统管理员可以管理用户")
	}
	return nil
}

// newSecret returns 32 random bytes as URL-safe base64 with a prefix that
// makes leaked secrets easy to recognise and search for.
func newSecret(prefix string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// secretHash is what the store keeps of a session, token or setup secret.
func secretHash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
