package mujun

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// snapshotFormat versions the snapshot layout itself.
const snapshotFormat = 1

// Snapshot is the complete, canonical content of a run: every input figure,
// benchmark, item score, total, rank, class and reason. It carries no time
// or user, so identical inputs give identical bytes.
type Snapshot struct {
	Format     int              `json:"format"`
	Year       int              `json:"year"`
	Method     MethodRef        `json:"method"`
	Benchmarks []BenchmarkValue `json:"benchmarks"`
	Entries    []Entry          `json:"entries"`
}

// MethodRef names the exact method a snapshot was computed with.
type MethodRef struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	Hash    string `json:"hash"`
	Name    string `json:"name"`
}

// encodeSnapshot returns the canonical JSON of a snapshot and its SHA-256.
// Canonical: struct fields in declaration order, entries ordered by
// enterprise id, benchmarks by indicator then region, inputs in input order,
// numbers in Go's shortest round-trip form.
func encodeSnapshot(s *Snapshot) ([]byte, string, error) {
	head := *s
	head.Entries = nil
	raw, err := json.Marshal(head)
	if err != nil {
		return nil, "", fmt.Errorf("encoding snapshot of %d %s: %w", s.Year, s.Method.ID, err)
	}
	// Replace the trailing `"entries":null}` with the hand-written array, in
	// a buffer sized for it up front (a 500,000-firm snapshot is ~600 MB).
	buf := make([]byte, 0, len(raw)+len(s.Entries)*(450+130*indicatorsPerEntry(s.Entries)))
	buf = append(buf, raw[:len(raw)-len(`null}`)]...)
	raw = append(encodeEntries(buf, s.Entries), '}')
	sum := sha256.Sum256(raw)
	return raw, hex.EncodeToString(sum[:]), nil
}

// newSnapshot wraps a scored result with its method.
func newSnapshot(lm *LoadedMethod, r *Result) *Snapshot {
	return &Snapshot{Format: snapshotFormat, Year: r.Year,
		Method:     MethodRef{ID: lm.Method.ID, Version: lm.Method.Version, Hash: lm.Hash, Name: lm.Method.Name},
		Benchmarks: r.Benchmarks, Entries: r.Entries}
}

// indicatorsPerEntry is the item count of the first graded entry (for sizing).
func indicatorsPerEntry(entries []Entry) int {
	for i := range entries {
		if n := len(entries[i].Items); n > 0 {
			return n
		}
	}
	return 0
}
