package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mfgplan/internal/registry/registrytest"
)

// TestSecurityCommands drives the user, token, approval and audit commands
// in order on one data directory, as an operator would.
func TestSecurityCommands(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "audit.csv")
	tests := []struct {
		name    string
		stdin   string
		args    []string
		want    string // in stdout, or in the error when wantErr
		wantErr bool
	}{
		{"admin with a password from stdin", "Operator-Passw0rd\n", []string{"user", "add", "--username", "root", "--role", "admin", "--password-stdin"}, "系统管理员", false},
		{"weak password", "short\n", []string{"user", "add", "--username", "weak", "--role", "city", "--password-stdin"}, "至少需要 10 个字符", true},
		{"county needs its county", "", []string{"user", "add", "--username", "xh", "--role", "county"}, "必须且只能指定一个县", true},
		{"county with a generated password", "", []string{"user", "add", "--username", "xh", "--role", "county", "--county", "511722"}, "一次性密码", false},
		{"duplicate", "", []string{"user", "add", "--username", "xh", "--role", "city"}, "已存在", true},
		{"enterprise filer", "", []string{"enterprise", "add", "--uscc", registrytest.USCC("511722", 7), "--name", "普光测试化工有限公司", "--county", "511722", "--industry", "2614"}, "普光测试化工有限公司", false},
		{"filer of it", "", []string{"user", "add", "--username", "filer", "--role", "enterprise", "--enterprise", "1"}, "enterprise:1", false},
		{"grant widens the view", "", []string{"user", "grant", "xh", "--role", "county", "--county", "511722", "--view-county", "511725"}, "view=county:511722,county:511725 enter=county:511722", false},
		{"list", "", []string{"user", "list"}, "filer", false},
		{"disable", "", []string{"user", "disable", "filer"}, "disabled=true", false},
		{"reset", "", []string{"user", "reset-password", "xh"}, "一次性密码", false},
		{"no token while the password must change", "", []string{"token", "create", "--user", "xh", "--name", "etl"}, "修改密码后才能创建", true},
		{"token", "", []string{"token", "create", "--user", "root", "--name", "etl", "--read-only"}, "mfg_", false},
		{"revoke", "", []string{"token", "revoke", "1"}, "token 1 revoked", false},
		{"submit", "", []string{"approval", "submit", "1", "yearly", "2024"}, "已上报待审核", false},
		{"approve", "", []string{"approval", "approve", "1", "yearly", "2024"}, "县区/园区已审核", false},
		{"unlock needs a reason", "", []string{"approval", "unlock", "1", "yearly", "2024"}, "reason", true},
		{"unlock", "", []string{"approval", "unlock", "1", "yearly", "2024", "--reason", "更正"}, "已解锁", false},
		{"approved-only", "", []string{"approval", "approved-only", "on"}, "approved_only: true", false},
		{"audit list", "", []string{"audit", "list", "--action", "approval."}, "approval.unlock", false},
		{"audit export", "", []string{"audit", "export", "--out", csv}, "entries written", false},
		{"audit verify", "", []string{"audit", "verify"}, "校验通过", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := execute(context.Background(), BuildInfo{Version: "test"}, append([]string{"--data", dir}, tt.args...),
				strings.NewReader(tt.stdin), &out, &errOut)
			if (code != 0) != tt.wantErr {
				t.Fatalf("exit %d, want error %v; stdout:\n%s\nstderr:\n%s", code, tt.wantErr, out.String(), errOut.String())
			}
			got := out.String()
			if tt.wantErr {
				got = errOut.String()
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, got)
			}
		})
	}
	raw, err := os.ReadFile(csv)
	if err != nil || !strings.Contains(string(raw), "user.create") {
		t.Errorf("exported CSV: %v\n%.300s", err, raw)
	}
}
