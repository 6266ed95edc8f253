package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/crypto/argon2"

	"mfgplan/internal/apperr"
)

// HashPassword returns the PHC string of an argon2id hash of pw
// ($argon2id$v=19$m=…,t=…,p=…$salt$hash), which carries its parameters.
func HashPassword(pw string, a Argon2Params) (string, error) {
	salt := make([]byte, a.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("generating salt: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, a.Time, a.MemoryKiB, a.Threads, a.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, a.MemoryKiB, a.Time, a.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches the stored hash, and whether the
// hash was made with parameters other than want (so it should be re-hashed).
func CheckPassword(pw, stored string, want Argon2Params) (ok, stale bool, err error) {
	parts := strings.Split(stored, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, false, fmt.Errorf("stored password hash is not argon2id")
	}
	var version int
	var a Argon2Params
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, false, fmt.Errorf("stored password hash has unsupported version %q", parts[2])
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &a.MemoryKiB, &a.Time, &a.Threads); err != nil {
		return false, false, fmt.Errorf("stored password hash parameters %q: %w", parts[3], err)
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	key, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(key) == 0 {
		return false, false, fmt.Errorf("stored password hash is malformed")
	}
	got := argon2.IDKey([]byte(pw), salt, a.Time, a.MemoryKiB, a.Threads, uint32(len(key)))
	ok = subtle.ConstantTimeCompare(got, key) == 1
	stale = a.Time != want.Time || a.MemoryKiB != want.MemoryKiB || a.Threads != want.Threads ||
		len(salt) != want.SaltLen || uint32(len(key)) != want.KeyLen
	return ok, stale, nil
}

// CheckPasswordRules rejects a password that breaks the policy, saying which
// rule in Chinese.
func (p Policy) CheckPasswordRules(pw, username string) error {
	if n := len([]rune(pw)); n < p.Password.MinLength {
		return apperr.New(apperr.Invalid, "密码至少需要 %d 个字符（当前 %d 个）", p.Password.MinLength, n)
	}
	if username != "" && strings.Contains(strings.ToLower(pw), strings.ToLower(username)) {
		return apperr.New(apperr.Invalid, "密码不能包含用户名")
	}
	var lower, upper, digit, other bool
	for _, r := range pw {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	classes := 0
	for _, has := range []bool{lower, upper, digit, other} {
		if has {
			classes++
		}
	}
	if classes < p.Password.MinClasses {
		return apperr.New(apperr.Invalid, "密码需包含小写字母、大写字母、数字、其他符号中的至少 %d 类（当前 %d 类）", p.Password.MinClasses, classes)
	}
	return nil
}
