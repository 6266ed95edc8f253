package auth

import (
	_ "embed"
	"fmt"
	"os"
	"time"

	"mfgplan/internal/datafile"
)

//go:embed policy.yaml
var defaultPolicy []byte

// Policy is the security configuration; every number and its source is in
// policy.yaml.
type Policy struct {
	Argon2   Argon2Params `yaml:"argon2id"`
	Password struct {
		MinLength  int `yaml:"min_length"`
		MinClasses int `yaml:"min_classes"`
		ExpiryDays int `yaml:"expiry_days"`
	} `yaml:"password"`
	Lockout struct {
		MaxFailures int `yaml:"max_failures"`
		LockMinutes int `yaml:"lock_minutes"`
	} `yaml:"lockout"`
	Session struct {
		IdleMinutes   int `yaml:"idle_minutes"`
		AbsoluteHours int `yaml:"absolute_hours"`
		TouchSeconds  int `yaml:"touch_seconds"`
	} `yaml:"session"`
	Setup struct {
		TokenHours int `yaml:"token_hours"`
	} `yaml:"setup"`
	Tokens struct {
		DefaultDays int `yaml:"default_days"`
		MaxDays     int `yaml:"max_days"`
	} `yaml:"tokens"`
	Limits Limits `yaml:"limits"`
	Audit  struct {
		RetentionDays int `yaml:"retention_days"`
	} `yaml:"audit"`
}

// Argon2Params are argon2id's cost parameters (RFC 9106 §3.1).
type Argon2Params struct {
	Time      uint32 `yaml:"time"`
	MemoryKiB uint32 `yaml:"memory_kib"`
	Threads   uint8  `yaml:"threads"`
	SaltLen   int    `yaml:"salt_len"`
	KeyLen    uint32 `yaml:"key_len"`
}

// Limits bound request sizes and rates at the HTTP edge.
type Limits struct {
	JSONBodyBytes         int64 `yaml:"json_body_bytes"`
	UploadBytes           int64 `yaml:"upload_bytes"`
	LoginPerIPPerMinute   int   `yaml:"login_per_ip_per_minute"`
	LoginPerUserPerMinute int   `yaml:"login_per_user_per_minute"`
	SetupPerIPPerMinute   int   `yaml:"setup_per_ip_per_minute"`
	ImportPerUserPerHour  int   `yaml:"import_per_user_per_hour"`
	TrackedClients        int   `yaml:"tracked_clients"`
}

// DefaultPolicy returns the built-in policy.
func DefaultPolicy() Policy {
	p, err := ParsePolicy(defaultPolicy)
	if err != nil {
		panic("auth: built-in policy.yaml is invalid: " + err.Error())
	}
	return p
}

// LoadPolicy reads a policy file; keys it leaves out keep their defaults.
func LoadPolicy(path string) (Policy, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Policy{}, fmt.Errorf("reading security policy: %w", err)
	}
	p := DefaultPolicy()
	if err := datafile.Decode(path, raw, &p); err != nil {
		return p, fmt.Errorf("parsing security policy: %w", err)
	}
	return p, p.validate(path)
}

// ParsePolicy parses a whole policy document.
func ParsePolicy(raw []byte) (Policy, error) {
	var p Policy
	if err := datafile.Decode("policy.yaml", raw, &p); err != nil {
		return p, fmt.Errorf("parsing security policy: %w", err)
	}
	return p, p.validate("policy.yaml")
}

func (p Policy) validate(name string) error {
	checks := []struct {
		ok   bool
		what string
	}{
		{p.Argon2.Time >= 1 && p.Argon2.MemoryKiB >= 8*uint32(p.Argon2.Threads) && p.Argon2.Threads >= 1, "argon2id: time ≥ 1, threads ≥ 1, memory_kib ≥ 8×threads (RFC 9106 §3.1)"},
		{p.Argon2.SaltLen >= 16 && p.Argon2.KeyLen >= 16, "argon2id: salt_len and key_len ≥ 16"},
		{p.Password.MinLength >= 8 && p.Password.MinClasses >= 1 && p.Password.MinClasses <= 4, "password: min_length ≥ 8, min_classes 1–4"},
		{p.Lockout.MaxFailures >= 1 && p.Lockout.LockMinutes >= 1, "lockout: max_failures and lock_minutes ≥ 1"},
		{p.Session.IdleMinutes >= 1 && p.Session.AbsoluteHours >= 1, "session: idle_minutes and absolute_hours ≥ 1"},
		{p.Limits.JSONBodyBytes > 0 && p.Limits.UploadBytes > 0 && p.Limits.TrackedClients > 0, "limits: body sizes and tracked_clients > 0"},
		{p.Limits.LoginPerIPPerMinute > 0 && p.Limits.LoginPerUserPerMinute > 0 && p.Limits.SetupPerIPPerMinute > 0 && p.Limits.ImportPerUserPerHour > 0, "limits: rates > 0"},
		{p.Tokens.MaxDays >= 1 && p.Tokens.MaxDays <= 3650 && p.Tokens.DefaultDays >= 1 && p.Tokens.DefaultDays <= p.Tokens.MaxDays, "tokens: 1 ≤ default_days ≤ max_days ≤ 3650"},
		{p.Audit.RetentionDays >= 180, "audit: retention_days ≥ 180 (网络安全法 第二十一条)"},
	}
	for _, c := range checks {
		if !c.ok {
			return fmt.Errorf("security policy %s: %s", name, c.what)
		}
	}
	return nil
}

// IdleTimeout is how long a session may go unused.
func (p Policy) IdleTimeout() time.Duration {
	return time.Duration(p.Session.IdleMinutes) * time.Minute
}
