package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// TestConfigRefusesWhatDoesNotParse: an environment value that does not
// parse, or a policy file with a misspelt key, stops the start with the
// variable or the file and line named, instead of running on a default.
func TestConfigRefusesWhatDoesNotParse(t *testing.T) {
	policy := filepath.Join(t.TempDir(), "policy.yaml")
	if err := os.WriteFile(policy, []byte("lockout:\n  max_failures: 5\n  lockout_minuts: 30\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, key, value, want string
	}{
		{"rows not a number", "MFGPLAN_IMPORT_MAX_ROWS", "1e6", `MFGPLAN_IMPORT_MAX_ROWS="1e6" 不是整数`},
		{"columns not a number", "MFGPLAN_IMPORT_MAX_COLUMNS", "wide", `MFGPLAN_IMPORT_MAX_COLUMNS="wide" 不是整数`},
		{"unzip not a number", "MFGPLAN_IMPORT_MAX_UNZIP_MB", "256MB", `MFGPLAN_IMPORT_MAX_UNZIP_MB="256MB" 不是整数`},
		{"not a boolean", "MFGPLAN_HIGHTECH_3964", "yes", `MFGPLAN_HIGHTECH_3964="yes" 不是 true 或 false`},
		{"misspelt policy key", "MFGPLAN_AUTH_POLICY", policy, policy + ":3: field lockout_minuts not found"},
		{"a good value", "MFGPLAN_IMPORT_MAX_ROWS", "5000", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(tt.key, tt.value)
			cfg := &Config{DataDir: t.TempDir()}
			cfg.bind(pflag.NewFlagSet("test", pflag.ContinueOnError))
			err := cfg.Validate()
			if err == nil && tt.key == "MFGPLAN_AUTH_POLICY" {
				_, err = cfg.Security.policy()
			}
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("a good value refused: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error %v, want it to say %q", err, tt.want)
			}
		})
	}
}
