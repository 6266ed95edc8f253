package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"mfgplan/internal/mujun/mujuntest"
	"mfgplan/internal/store"
)

// TestMujunCommands drives the 亩均 commands of the built binary on a
// seeded SQLite store: run, identical rerun, changed input, diff, publish,
// pricing files.
func TestMujunCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	data := t.TempDir()
	db, err := store.Open(context.Background(), filepath.Join(data, "mfgplan.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.MigrateUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	mujuntest.SeedCounty(t, db)
	run := func(args ...string) string {
		t.Helper()
		out, err := exec.Command(bin, append([]string{"--data", data}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("mfgplan %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	if out := run("mujun", "run", "--year", "2024"); !strings.Contains(out, "已生成 2024 年 sichuan 第 1 版") {
		t.Fatalf("first run:\n%s", out)
	}
	if out := run("mujun", "run", "--year", "2024"); !strings.Contains(out, "输入未变，沿用已有 2024 年 sichuan 第 1 版") {
		t.Fatalf("identical rerun:\n%s", out)
	}
	if _, err := db.Exec(context.Background(), `UPDATE data_values SET value = 1 WHERE enterprise_id = 6 AND element_code = 'tax_paid'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	run("mujun", "run", "--year", "2024")
	if out := run("mujun", "diff", "--year", "2024", "--from", "v1", "--to", "v2"); !strings.Contains(out, "企业6") || !strings.Contains(out, "tax_paid") {
		t.Fatalf("diff:\n%s", out)
	}
	if out := run("mujun", "verify", "--year", "2024", "--version", "v2"); !strings.Contains(out, "逐字节一致") {
		t.Fatalf("verify v2:\n%s", out)
	}
	run("mujun", "publish", "--year", "2024", "--version", "v2")
	outDir := t.TempDir()
	run("mujun", "pricing", "--year", "2024", "--jurisdiction", "shandong", "--out", outDir)
	if _, err := os.Stat(filepath.Join(outDir, "差别化电价_shandong_2024.xlsx")); err != nil {
		t.Fatalf("electricity list: %v", err)
	}
}
