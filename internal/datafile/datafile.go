// Package datafile decodes the platform's YAML data files — plans and their
// companions, the catalog, rules, methods, pricing, the auth policy,
// vocabularies — one way: strictly, so that a key the target type does not
// have (a misspelt key) is an error rather than silently ignored, and with
// every problem reported as file:line: reason.
package datafile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// Error lists every problem of one file.
type Error struct {
	File     string
	Problems []string // "file:line: reason"
}

func (e *Error) Error() string { return strings.Join(e.Problems, "\n") }

// lineOf picks the line out of yaml.v3's messages ("line 5: field x not
// found in type T", "yaml: line 3: did not find expected key").
var lineOf = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// Decode decodes raw (the content of file) into v strictly. An empty
// document leaves v as it is.
func Decode(file string, raw []byte, v any) error {
	err := Strict(raw, v)
	if err == nil {
		return nil
	}
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	out := &Error{File: file}
	for _, m := range msgs {
		if g := lineOf.FindStringSubmatch(m); g != nil {
			out.Problems = append(out.Problems, fmt.Sprintf("%s:%s: %s", file, g[1], g[2]))
		} else {
			out.Problems = append(out.Problems, fmt.Sprintf("%s: %s", file, strings.TrimPrefix(m, "yaml: ")))
		}
	}
	return out
}

// Strict decodes raw into v rejecting unknown keys, and returns yaml.v3's own
// error, for a caller that turns it into problems of its own (the plan's
// loaders report paths as well as lines).
func Strict(raw []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}
