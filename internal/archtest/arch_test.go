// Package archtest checks the README's import rule against the code: the
// layers only point down, and the README names every package.
package archtest

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "mfgplan/"

// edges are the packages that may import everything: the composition root
// and the HTTP edge.
var edges = map[string]bool{"internal/cli": true, "internal/httpapi": true}

// drivers are the database drivers; only the store talks to a database.
var drivers = []string{"modernc.org/sqlite", "github.com/jackc/pgx"}

// packageImports maps each package directory under internal/ to what its
// non-test files import.
func packageImports(t *testing.T) map[string][]string {
	t.Helper()
	root := filepath.Join("..", "..")
	out := map[string][]string{}
	err := filepath.WalkDir(filepath.Join(root, "internal"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			out[rel] = append(out[rel], p)
		}
		if _, ok := out[rel]; !ok {
			out[rel] = nil
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 10 {
		t.Fatalf("found %d packages under internal/; the walk is broken", len(out))
	}
	return out
}

func TestImportRule(t *testing.T) {
	for pkg, imports := range packageImports(t) {
		for _, im := range imports {
			inner := strings.TrimPrefix(im, module)
			switch {
			case !edges[pkg] && edges[inner]:
				t.Errorf("%s imports %s: domain packages never import the edges (cli, httpapi)", pkg, im)
			case !strings.HasPrefix(pkg, "internal/store") && isDriver(im):
				t.Errorf("%s imports the database driver %s: only internal/store talks to a database", pkg, im)
			case pkg == "internal/store" && strings.HasPrefix(im, module) && !strings.HasPrefix(inner, "internal/store"):
				t.Errorf("internal/store imports %s: the store imports no domain package", im)
			}
		}
	}
}

func isDriver(im string) bool {
	for _, d := range drivers {
		if strings.HasPrefix(im, d) {
			return true
		}
	}
	return false
}

// TestReadmeNamesEveryPackage: the README's architecture section has a line
// for every package, so a new package says what its one job is.
func TestReadmeNamesEveryPackage(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	for pkg := range packageImports(t) {
		if !strings.Contains(readme, "\n"+pkg+"/ ") {
			t.Errorf("README's architecture section has no line for %s/", pkg)
		}
	}
}
