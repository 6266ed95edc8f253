package auth_test

import (
	"testing"

	"mfgplan/internal/auth"
)

// BenchmarkHashPassword measures one login's hashing cost under the
// shipped policy (OWASP's argon2id minimum: 19 MiB, t=2, p=1); it bounds
// how many logins a core can check per second.
func BenchmarkHashPassword(b *testing.B) {
	p := auth.DefaultPolicy().Argon2
	for b.Loop() {
		if _, err := auth.HashPassword("Bench-Passw0rd!", p); err != nil {
			b.Fatal(err)
		}
	}
}
