package plan

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Problem is one thing wrong with a plan file, located by file and line.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Path, p.Message)
}

// ProblemsError is returned when a plan file fails to decode or validate.
type ProblemsError struct {
	Problems []Problem
}

func (e *ProblemsError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Loaded is a decoded, validated plan with the bytes it came from, so the
// store can version it by hash.
type Loaded struct {
	Plan   *Plan
	Raw    []byte
	SHA256 string
	File   string
	// Companions are the files loaded beside the plan (indicators, industry
	// map, published figures); they are part of its version.
	Companions []Companion
}

// Companion is a file loaded beside a plan, with the name it was read as.
type Companion struct {
	Name    string `json:"name"`
	Content string `json:"content"`
}

// Attach makes the companions part of the plan's version: SHA256 then
// covers the plan file and each companion (sorted by name), so a changed
// indicators file is a new version like a changed plan file. A plan loaded
// without companions keeps the hash of its own bytes.
func (l *Loaded) Attach(cs ...Companion) {
	l.Companions = append(l.Companions, cs...)
	if len(l.Companions) == 0 {
		return
	}
	sort.Slice(l.Companions, func(i, j int) bool { return l.Companions[i].Name < l.Companions[j].Name })
	h := sha256.New()
	h.Write(l.Raw)
	for _, c := range l.Companions {
		h.Write([]byte{0})
		h.Write([]byte(path.Base(c.Name)))
		h.Write([]byte{0})
		h.Write([]byte(c.Content))
	}
	l.SHA256 = hex.EncodeToString(h.Sum(nil))
}

// LoadFile reads, decodes and validates a plan file.
func LoadFile(path string) (*Loaded, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading plan %s: %w", path, err)
	}
	return Parse(path, raw)
}

// Parse decodes and validates plan bytes; name is used in problem locations.
func Parse(name string, raw []byte) (*Loaded, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, &ProblemsError{Problems: []Problem{yamlProblem(name, err)}}
	}
	var p Plan
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil && !errors.Is(err, io.EOF) {
		return nil, &ProblemsError{Problems: yamlProblems(name, err)}
	}
	resolveLevels(&p)
	resolveTargets(&p)
	if issues := Validate(&p); len(issues) > 0 {
		probs := make([]Problem, len(issues))
		for i, is := range issues {
			probs[i] = Problem{File: name, Line: locate(&root, is.Path), Path: is.Path, Message: is.Message}
		}
		return nil, &ProblemsError{Problems: probs}
	}
	sum := sha256.Sum256(raw)
	return &Loaded{Plan: &p, Raw: raw, SHA256: hex.EncodeToString(sum[:]), File: name}, nil
}

// YAMLProblems turns a yaml.v3 decoding error of the file name into located
// problems, so that files read beside the plan report them like the plan.
func YAMLProblems(name string, err error) []Problem { return yamlProblems(name, err) }

var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// yamlProblems splits a yaml.v3 error ("yaml: unmarshal errors:\n  line 12: …")
// into located problems.
func yamlProblems(name string, err error) []Problem {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		out := make([]Problem, 0, len(te.Errors))
		for _, e := range te.Errors {
			out = append(out, lineProblem(name, e))
		}
		return out
	}
	return []Problem{yamlProblem(name, err)}
}

func yamlProblem(name string, err error) Problem {
	return lineProblem(name, strings.TrimPrefix(err.Error(), "yaml: "))
}

func lineProblem(name, msg string) Problem {
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return Problem{File: name, Line: n, Path: "-", Message: m[2]}
	}
	return Problem{File: name, Line: 1, Path: "-", Message: msg}
}

// locate finds the line of a dotted path such as "chains[2].edges[0].to" in
// the YAML tree; where the path runs out it returns the deepest line found.
func locate(root *yaml.Node, path string) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, step := range splitPath(path) {
		next := child(n, step)
		if next == nil {
			break
		}
		n, line = next, next.Line
	}
	return line
}

func splitPath(path string) []string {
	path = strings.ReplaceAll(path, "[", ".[")
	var out []string
	for _, s := range strings.Split(path, ".") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func child(n *yaml.Node, step string) *yaml.Node {
	if strings.HasPrefix(step, "[") {
		i, err := strconv.Atoi(strings.Trim(step, "[]"))
		if err != nil || n.Kind != yaml.SequenceNode || i >= len(n.Content) {
			return nil
		}
		return n.Content[i]
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == step {
			return n.Content[i+1]
		}
	}
	return nil
}
