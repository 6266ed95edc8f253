package datafile

import (
	"errors"
	"strings"
	"testing"
)

type sample struct {
	Name  string `yaml:"name"`
	Limit int    `yaml:"limit"`
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, raw string
		want      []string // problems, in order; none for a good file
	}{
		{"good", "name: a\nlimit: 3\n", nil},
		{"empty keeps defaults", "", nil},
		{"misspelt key", "name: a\nlimt: 3\n", []string{"f.yaml:2: field limt not found in type datafile.sample"}},
		{"wrong type", "name: a\nlimit: many\n", []string{"f.yaml:2: cannot unmarshal !!str `many` into int"}},
		{"two problems", "nmae: a\nlimit: x\n", []string{"f.yaml:1: field nmae not found", "f.yaml:2: cannot unmarshal"}},
		{"syntax", "name: [a\n", []string{"f.yaml:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := sample{Limit: 7}
			err := Decode("f.yaml", []byte(tt.raw), &v)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				if tt.raw == "" && v.Limit != 7 {
					t.Errorf("an empty file changed the defaults: %+v", v)
				}
				return
			}
			var de *Error
			if !errors.As(err, &de) || len(de.Problems) != len(tt.want) {
				t.Fatalf("Decode = %v, want %d problems", err, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(de.Problems[i], w) {
					t.Errorf("problem %d = %q, want it to start %q", i, de.Problems[i], w)
				}
			}
		})
	}
}
