package auth

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/store"
)

// User is an account as administrators see it (never its password hash).
type User struct {
	ID                int64        `json:"id"`
	Username          string       `json:"username"`
	DisplayName       string       `json:"display_name"`
	Role              access.Role  `json:"role"`
	RoleName          string       `json:"role_name"`
	View              access.Scope `json:"view"`
	Enter             access.Scope `json:"enter"`
	Disabled          bool         `json:"disabled"`
	MustChange        bool         `json:"must_change_password"`
	PasswordChangedAt string       `json:"password_changed_at"`
	LockedUntil       string       `json:"locked_until,omitempty"`
	CreatedAt         string       `json:"created_at"`
	passwordHash      string
	failedLogins      int
}

// Principal is the access principal the user acts as.
func (u User) Principal() access.Principal {
	return access.Principal{User: u.Username, Role: u.Role, View: u.View, Enter: u.Enter}
}

// NewUser is an account to create.
type NewUser struct {
	Username    string `json:"username"`
	DisplayName string `json:"display_name"`
	Password    string `json:"password"`
	// MustChange forces a password change at first login (the usual case
	// when an administrator chooses the password).
	MustChange bool `json:"must_change_password"`
	Grant
}

var usernamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9._@-]{1,63}$`)

// AddUser creates an account. Only administrators may.
func (s *Service) AddUser(ctx context.Context, nu NewUser) (User, error) {
	if err := requireAdmin(ctx); err != nil {
		return User{}, err
	}
	return s.addUser(ctx, nu)
}

func (s *Service) addUser(ctx context.Context, nu NewUser) (User, error) {
	if !usernamePattern.MatchString(nu.Username) {
		return User{}, apperr.New(apperr.Invalid, "用户名 %q 无效：2–64 个字符，字母或数字开头，只能包含字母、数字和 . _ @ -", nu.Username)
	}
	if err := s.Policy.CheckPasswordRules(nu.Password, nu.Username); err != nil {
		return User{}, err
	}
	hash, err := HashPassword(nu.Password, s.Policy.Argon2)
	if err != nil {
		return User{}, err
	}
	var u User
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		view, enter, err := s.scopes(ctx, tx, nu.Grant)
		if err != nil {
			return err
		}
		if taken, err := s.exists(ctx, tx, nu.Username); err != nil || taken {
			return errors.Join(err, conflictIf(taken, "用户名 %s 已存在", nu.Username))
		}
		now := stamp(s.now())
		var id int64
		err = tx.QueryRow(ctx, `INSERT INTO users (username, display_name, role, view_scope, enter_scope, password_hash, password_changed_at, must_change, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			nu.Username, nu.DisplayName, string(nu.Role), scopeJSON(view), scopeJSON(enter), hash, now, nu.MustChange, now, now).Scan(&id)
		if err != nil {
			return fmt.Errorf("creating user %s: %w", nu.Username, err)
		}
		if u, err = userBy(ctx, tx, "id", id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Event{Action: audit.ActionUserCreate, Object: "user:" + nu.Username,
			Detail: map[string]any{"role": nu.Role, "view": view, "enter": enter}})
	})
	return u, err
}

func conflictIf(cond bool, format string, args ...any) error {
	if !cond {
		return nil
	}
	return apperr.New(apperr.Conflict, format, args...)
}

func (s *Service) exists(ctx context.Context, q store.Querier, username string) (bool, error) {
	var n int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM users WHERE username = ?`, username).Scan(&n); err != nil {
		return false, fmt.Errorf("checking user %s: %w", username, err)
	}
	return n > 0, nil
}

func scopeJSON(sc access.Scope) string {
	raw, _ := json.Marshal(sc) // a Scope holds only bools, strings and ints
	return string(raw)
}

const userColumns = `id, username, display_name, role, view_scope, enter_scope, password_hash, password_changed_at, must_change, disabled, failed_logins, locked_until, created_at`

func scanUser(sc interface{ Scan(...any) error }) (User, error) {
	var u User
	var view, enter string
	err := sc.Scan(&u.ID, &u.Username, &u.DisplayName, &u.Role, &view, &enter, &u.passwordHash, &u.PasswordChangedAt,
		&u.MustChange, &u.Disabled, &u.failedLogins, &u.LockedUntil, &u.CreatedAt)
	if err != nil {
		return u, err
	}
	if err := json.Unmarshal([]byte(view), &u.View); err != nil {
		return u, fmt.Errorf("user %s has a corrupt view scope: %w", u.Username, err)
	}
	if err := json.Unmarshal([]byte(enter), &u.Enter); err != nil {
		return u, fmt.Errorf("user %s has a corrupt entry scope: %w", u.Username, err)
	}
	u.RoleName = access.RoleNames[u.Role]
	return u, nil
}

// userBy loads one user by id or username (col is a fixed column name).
func userBy(ctx context.Context, q store.Querier, col string, v any) (User, error) {
	u, err := scanUser(q.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE `+col+` = ?`, v))
	if errors.Is(err, sql.ErrNoRows) {
		return u, apperr.New(apperr.NotFound, "用户 %v 不存在", v)
	}
	if err != nil {
		return u, fmt.Errorf("loading user %v: %w", v, err)
	}
	return u, nil
}

// ListUsers returns every account, for administrators.
func (s *Service) ListUsers(ctx context.Context) ([]User, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	rows, err := s.DB.Query(ctx, `SELECT `+userColumns+` FROM users ORDER BY username`)
	if err != nil {
		return nil, fmt.Errorf("listing users: %w", err)
	}
	defer rows.Close()
	out := []User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("listing users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// GetUser returns one account, for administrators.
func (s *Service) GetUser(ctx context.Context, username string) (User, error) {
	if err := requireAdmin(ctx); err != nil {
		return User{}, err
	}
	return userBy(ctx, s.DB, "username", username)
}

// CountUsers says how many accounts exist (zero means setup is pending).
func (s *Service) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.DB.QueryRow(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting users: %w", err)
	}
	return n, nil
}

// passwordExpired reports whether the policy's password lifetime has passed.
func (s *Service) passwordExpired(u User) bool {
	days := s.Policy.Password.ExpiryDays
	return days > 0 && s.now().After(parseStamp(u.PasswordChangedAt).Add(time.Duration(days)*24*time.Hour))
}
