package dirty_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// tableWrite finds SQL that changes a table analytics are computed from,
// written out or named as the table of a batch writer.
var tableWrite = regexp.MustCompile(`(?i)(insert\s+into|update|delete\s+from)\s+(data_values|enterprises|enterprise_years|enterprise_tags|enterprise_chain_nodes|approvals)\b` +
	`|"(data_values|enterprise_years|enterprise_tags|approvals)"`)

// TestEveryWriterMarks is the net under the per-method tests of stats,
// registry, approval and demo: a Go file of the project that writes
// data_values, enterprises, enterprise_years, enterprise_tags,
// enterprise_chain_nodes or approvals (the approved data basis) must also
// call dirty.Write, or analytics would silently miss its changes. Tests and the
// fixture packages they share (storetest, registrytest, …: a folder named
// *test) seed with plain SQL and are left out.
func TestEveryWriterMarks(t *testing.T) {
	writers := 0
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") ||
			strings.HasSuffix(filepath.Base(filepath.Dir(path)), "test") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		m := tableWrite.FindString(string(src))
		if m == "" {
			return nil
		}
		writers++
		if !strings.Contains(string(src), "dirty.Write(") {
			t.Errorf("%s writes a table analytics read (%q) but never calls dirty.Write in the change's transaction", path, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if writers < 4 { // stats, registry (2 files at least), demo
		t.Errorf("found %d writing files; the pattern no longer matches the project's SQL", writers)
	}
}
