package cli

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// scratchDir gives this process its own directory for temporary files
// (excelize's unpacked worksheets and spilled sheets) under dataDir/tmp, and
// first removes what processes that are no longer running left there: a
// server killed in the middle of an import would otherwise leave hundreds
// of megabytes behind for good. The returned func removes this process's
// directory.
func scratchDir(dataDir string, log *slog.Logger) (string, func(), error) {
	base := filepath.Join(dataDir, "tmp")
	if err := os.MkdirAll(base, 0o700); err != nil {
		return "", nil, fmt.Errorf("creating the temporary directory %s: %w", base, err)
	}
	removeAbandoned(base, log)
	mine := filepath.Join(base, "p"+strconv.Itoa(os.Getpid()))
	if err := os.RemoveAll(mine); err != nil { // a dead process with our pid
		return "", nil, fmt.Errorf("clearing %s: %w", mine, err)
	}
	if err := os.Mkdir(mine, 0o700); err != nil {
		return "", nil, fmt.Errorf("creating %s: %w", mine, err)
	}
	return mine, func() { os.RemoveAll(mine) }, nil
}

// removeAbandoned deletes the directories of processes that have ended.
func removeAbandoned(base string, log *slog.Logger) {
	entries, err := os.ReadDir(base)
	if err != nil {
		log.Warn("listing temporary files", "dir", base, "err", err)
		return
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(strings.TrimPrefix(e.Name(), "p"))
		if !e.IsDir() || !strings.HasPrefix(e.Name(), "p") || err != nil || pid == os.Getpid() || running(pid) {
			continue
		}
		dir := filepath.Join(base, e.Name())
		if err := os.RemoveAll(dir); err != nil {
			log.Warn("removing temporary files of an ended process", "dir", dir, "err", err)
			continue
		}
		log.Info("removed temporary files of an ended process", "dir", dir)
	}
}

// running reports whether a process with the id exists (signal 0 checks
// without signalling; EPERM means it exists under another user).
func running(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
