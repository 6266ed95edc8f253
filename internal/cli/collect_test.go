package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"mfgplan/internal/registry/registrytest"
)

// TestCollectCommands drives template → fill → import (twice) → list →
// export, and a rejected CSV, through the command line.
func TestCollectCommands(t *testing.T) {
	dir := t.TempDir()
	uscc := registrytest.USCC("511722", 7)
	if _, err := run(t, dir, "enterprise", "add", "--uscc", uscc, "--name", "填报测试有限公司", "--county", "511722", "--industry", "2614"); err != nil {
		t.Fatal(err)
	}
	tmpl := filepath.Join(dir, "t.xlsx")
	if _, err := run(t, dir, "template", "--period", "2024-06", "-o", tmpl); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := f.GetCellValue("数据", "A2"); got != uscc {
		t.Fatalf("template A2 = %q, want %s", got, uscc)
	}
	f.SetCellValue("数据", "C2", 100)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		args    []string
		want    string
		wantErr bool
	}{
		{"import", []string{"import", tmpl}, "新增 1 个", false},
		{"import again", []string{"import", tmpl}, "不变 1 个", false},
		{"bad CSV", []string{"import", writeFile(t, dir, "bad.csv", "统一社会信用代码,营业收入（万元）\n"+uscc+",一百\n"), "--period", "2024-06"}, "CSV!B2（营业收入）：应为数字", true},
		{"history", []string{"import", "list"}, "3 of 3", false},
		{"show", []string{"import", "show", "3"}, "rejected", false},
		{"download original", []string{"import", "download", "3", "-o", filepath.Join(dir, "orig.csv")}, "orig.csv", false},
		{"export", []string{"export", "--period", "2024-06", "-o", filepath.Join(dir, "e.xlsx")}, "e.xlsx", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := run(t, dir, tc.args...)
			if (err != nil) != tc.wantErr || !strings.Contains(out, tc.want) {
				t.Errorf("output %q, error %v; want %q (error %v)", out, err, tc.want, tc.wantErr)
			}
		})
	}
	e, err := excelize.OpenFile(filepath.Join(dir, "e.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := e.GetCellValue("数据", "C2"); got != "100" {
		t.Errorf("exported C2 = %q, want 100", got)
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
