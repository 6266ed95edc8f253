package cli

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestScratchDirRemovesWhatEndedProcessesLeft: temporary files of a process
// that no longer runs (a server killed mid-import) are removed when the
// next process opens the data directory; a running process's are kept; the
// process's own directory goes when it closes.
func TestScratchDirRemovesWhatEndedProcessesLeft(t *testing.T) {
	data := t.TempDir()
	dead := filepath.Join(data, "tmp", "p999999999")
	alive := filepath.Join(data, "tmp", "p1") // init always runs
	for _, dir := range []string{dead, alive} {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "excelize-1"), make([]byte, 1<<20), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cfg := &Config{DataDir: data, ImportMaxRows: 10, ImportMaxUnzipMB: 1, ImportMaxColumns: 10}
	app, err := openApp(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(data, "tmp", "p"+strconv.Itoa(os.Getpid()))
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("an ended process's temporary files are still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(alive, "excelize-1")); err != nil {
		t.Errorf("a running process's temporary files were removed: %v", err)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("no temporary directory for this process: %v", err)
	}
	app.Close()
	if _, err := os.Stat(mine); !os.IsNotExist(err) {
		t.Errorf("the process's temporary directory outlives Close: %v", err)
	}
}
