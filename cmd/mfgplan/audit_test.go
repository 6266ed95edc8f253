package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"mfgplan/internal/store"
)

// TestAuditVerifyFindsAnEditedRow edits an audit entry directly in the
// database file and expects `mfgplan audit verify` to fail naming it.
func TestAuditVerifyFindsAnEditedRow(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin, data := buildBinary(t), t.TempDir()
	for _, name := range []string{"alice", "bob", "carol"} {
		add := exec.Command(bin, "--data", data, "user", "add", "--username", name, "--role", "city", "--password-stdin")
		add.Stdin = strings.NewReader("Audit-Passw0rd!\n")
		if out, err := add.CombinedOutput(); err != nil {
			t.Fatalf("user add %s: %v\n%s", name, err, out)
		}
	}
	if out, err := exec.Command(bin, "--data", data, "audit", "verify").CombinedOutput(); err != nil {
		t.Fatalf("verify of an intact log: %v\n%s", err, out)
	}
	db, err := store.Open(context.Background(), filepath.Join(data, "mfgplan.db"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(context.Background(), `UPDATE audit_log SET detail = replace(detail, 'city', 'admin') WHERE object = 'user:bob'`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--data", data, "audit", "verify").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "id=2") || !strings.Contains(string(out), "被修改") {
		t.Errorf("verify after editing entry 2: err %v\n%s", err, out)
	}
}
