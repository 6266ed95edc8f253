package cli

import (
	"testing"

	"mfgplan/internal/auth"
)

// A generated one-time password always passes the password policy for its
// user, however short the name: the policy refuses one containing it.
func TestGeneratedPasswordPassesThePolicy(t *testing.T) {
	p := auth.DefaultPolicy()
	for _, name := range []string{"xh", "mp", "a1", "root", "county.admin"} {
		for range 2000 {
			if pw := generatePassword(name); p.CheckPasswordRules(pw, name) != nil {
				t.Fatalf("generated password %q for %q: %v", pw, name, p.CheckPasswordRules(pw, name))
			}
		}
	}
}
