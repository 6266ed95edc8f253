package mujun

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"mfgplan/internal/apperr"
	"mfgplan/internal/datafile"
)

//go:embed methods/*.yaml
var presetFiles embed.FS

// LoadedMethod is a validated method with the bytes it came from; Hash (of
// those bytes) identifies the exact method a snapshot was computed with.
type LoadedMethod struct {
	Method *Method `json:"method"`
	Raw    []byte  `json:"-"`
	Hash   string  `json:"hash"`
	File   string  `json:"file"`
}

// ParseMethod decodes and validates a method file; unknown fields are errors
// so that a misspelt key is not silently ignored.
func ParseMethod(file string, raw []byte) (*LoadedMethod, error) {
	var m Method
	if err := datafile.Strict(raw, &m); err != nil {
		return nil, &ProblemsError{Problems: []Problem{{File: file, Path: "(yaml)", Message: err.Error()}}}
	}
	if probs := Validate(file, &m); len(probs) > 0 {
		return nil, &ProblemsError{Problems: probs}
	}
	sum := sha256.Sum256(raw)
	return &LoadedMethod{Method: &m, Raw: raw, Hash: hex.EncodeToString(sum[:]), File: file}, nil
}

// LoadMethodFile reads a method from a file, e.g. a city's copy of the
// Sichuan preset with its 地方特色指标 set.
func LoadMethodFile(file string) (*LoadedMethod, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading method %s: %w", file, err)
	}
	return ParseMethod(file, raw)
}

// Presets returns the built-in methods, sorted by id.
func Presets() ([]*LoadedMethod, error) {
	names, err := fs.Glob(presetFiles, "methods/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("listing preset methods: %w", err)
	}
	sort.Strings(names)
	out := make([]*LoadedMethod, 0, len(names))
	for _, n := range names {
		raw, err := presetFiles.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("reading preset %s: %w", n, err)
		}
		lm, err := ParseMethod("internal/mujun/"+n, raw)
		if err != nil {
			return nil, err
		}
		out = append(out, lm)
	}
	return out, nil
}

// Preset returns the built-in method with the given id.
func Preset(id string) (*LoadedMethod, error) {
	all, err := Presets()
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, lm := range all {
		if lm.Method.ID == id {
			return lm, nil
		}
		ids = append(ids, lm.Method.ID)
	}
	return nil, apperr.New(apperr.NotFound, "未知评价方法 %q（可用：%s）", id, strings.Join(ids, "、"))
}
