package plan

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"gopkg.in/yaml.v3"
)

// The Dazhou plan file and the seed text it transcribes, relative to this package.
const (
	seedTestPlanPath = "../../plans/dazhou-2021-2025.yaml"
	seedTestTextPath = "../../../shared/seeds/000_cf815ffb579868dc.txt"
)

// seedTestReadPlan decodes the plan file strictly: an unknown key fails.
func seedTestReadPlan(t *testing.T) Plan {
	t.Helper()
	raw, err := os.ReadFile(seedTestPlanPath)
	if err != nil {
		t.Fatalf("read plan file: %v", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	var p Plan
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("decode %s: %v", seedTestPlanPath, err)
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		t.Fatalf("%s: expected a single YAML document (err=%v)", seedTestPlanPath, err)
	}
	return p
}

// seedTestText is the seed as two views: with all whitespace removed (the
// text wraps lines and puts spaces around numbers, e.g. "1000 亿元"), and the
// set of whole numbers it contains, normalised with FormatFloat so "7.0"
// and "7" are the same number.
type seedTestText struct {
	stripped string
	numbers  map[string]bool
}

var seedTestNumberRE = regexp.MustCompile(`\d+(?:\.\d+)?`)

func seedTestFmt(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func seedTestLoadText(raw string) seedTestText {
	st := seedTestText{
		stripped: strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, raw),
		numbers: map[string]bool{},
	}
	// Numbers are collected from the raw text: no number in the seed is
	// split by whitespace, but table cells such as "479.9 1000" would run
	// together once whitespace is removed.
	for _, m := range seedTestNumberRE.FindAllString(raw, -1) {
		f, err := strconv.ParseFloat(m, 64)
		if err == nil {
			st.numbers[seedTestFmt(f)] = true
		}
	}
	return st
}

// checkNumber fails t unless v occurs in the seed: as a substring of the
// whitespace-free text and as a whole number (so 79.9 does not pass on the
// strength of 479.9).
func (st seedTestText) checkNumber(t *testing.T, what string, v float64) {
	t.Helper()
	s := seedTestFmt(v)
	if !strings.Contains(st.stripped, s) || !st.numbers[s] {
		t.Errorf("%s = %s: number not found in the seed text", what, s)
	}
}

// checkText fails t unless s occurs verbatim in the whitespace-free seed.
func (st seedTestText) checkText(t *testing.T, what, s string) {
	t.Helper()
	if !strings.Contains(st.stripped, s) {
		t.Errorf("%s %q: not found in the seed text", what, s)
	}
}

func TestSeedDazhouPlan(t *testing.T) {
	p := seedTestReadPlan(t)

	t.Run("counts", func(t *testing.T) {
		if got := len(p.Indicators); got != 20 {
			t.Errorf("indicators: got %d, want 20 (专栏1)", got)
		}
		var withTarget, digital int
		for _, c := range p.Clusters {
			switch {
			case c.Group == "digital" && c.Target == nil:
				digital++
			case (c.Group == "advantage" || c.Group == "emerging") && c.Target != nil:
				withTarget++
			default:
				t.Errorf("cluster %s: unexpected group %q / target %v", c.Code, c.Group, c.Target)
			}
		}
		if withTarget != 5 || digital != 1 || len(p.Clusters) != 6 {
			t.Errorf("clusters: got %d with output target + %d digital (%d total), want 5+1",
				withTarget, digital, len(p.Clusters))
		}
		if got := len(p.Counties); got != 7 {
			t.Errorf("counties: got %d, want 7", got)
		}
	})

	t.Run("references", func(t *testing.T) {
		units := map[string]bool{}
		for _, u := range p.Units {
			units[u.Code] = true
		}
		cats := map[string]bool{}
		for _, c := range p.Categories {
			cats[c.Code] = true
		}
		counties := map[string]bool{}
		for _, c := range p.Counties {
			counties[c.Code] = true
		}
		clusters := map[string]map[string]bool{}
		for _, c := range p.Clusters {
			subs := map[string]bool{}
			for _, s := range c.SubSectors {
				subs[s.Code] = true
			}
			clusters[c.Code] = subs
			if c.Target != nil && !units[c.Target.Unit] {
				t.Errorf("cluster %s: unknown unit %q", c.Code, c.Target.Unit)
			}
			for _, g := range c.Goals {
				if !units[g.Unit] {
					t.Errorf("cluster %s goal %s: unknown unit %q", c.Code, g.Code, g.Unit)
				}
			}
		}
		seen := map[string]bool{}
		for _, in := range p.Indicators {
			if seen[in.Code] {
				t.Errorf("indicator %s: duplicate code", in.Code)
			}
			seen[in.Code] = true
			if !units[in.Unit] {
				t.Errorf("indicator %s: unknown unit %q", in.Code, in.Unit)
			}
			if !cats[in.Category] {
				t.Errorf("indicator %s: unknown category %q", in.Code, in.Category)
			}
			if (in.Target.Kind == KindExternal) != (in.Target.Value == nil) {
				t.Errorf("indicator %s: kind %s with value %v", in.Code, in.Target.Kind, in.Target.Value)
			}
		}
		for _, a := range p.Achievements {
			if !units[a.Unit] {
				t.Errorf("achievement %s: unknown unit %q", a.Code, a.Unit)
			}
		}
		for _, tg := range p.Targets {
			if !units[tg.Unit] {
				t.Errorf("target %s: unknown unit %q", tg.Code, tg.Unit)
			}
		}
		for _, ch := range p.Chains {
			subs, ok := clusters[ch.Cluster]
			if !ok {
				t.Errorf("chain %s: unknown cluster %q", ch.Code, ch.Cluster)
			} else if ch.SubSector != "" && !subs[ch.SubSector] {
				t.Errorf("chain %s: unknown sub-sector %q", ch.Code, ch.SubSector)
			}
			nodes := map[string]bool{}
			for _, n := range ch.Nodes {
				if nodes[n.Code] {
					t.Errorf("chain %s: duplicate node %q", ch.Code, n.Code)
				}
				nodes[n.Code] = true
			}
			for _, e := range ch.Edges {
				if !nodes[e.From] || !nodes[e.To] {
					t.Errorf("chain %s: edge %s->%s names an unknown node", ch.Code, e.From, e.To)
				}
			}
		}
		parks := map[string]bool{}
		for _, pk := range p.Parks {
			parks[pk.Code] = true
			if !counties[pk.County] {
				t.Errorf("park %s: county %q is not one of the counties", pk.Code, pk.County)
			}
			for _, c := range pk.Clusters {
				if _, ok := clusters[c]; !ok {
					t.Errorf("park %s: unknown cluster %q", pk.Code, c)
				}
			}
		}
		for _, c := range p.Layout.Cores {
			if !parks[c] {
				t.Errorf("layout core %q is not a park", c)
			}
		}
		for _, b := range p.Layout.Belts {
			for _, pk := range b.Parks {
				if !parks[pk] {
					t.Errorf("belt %s: %q is not a park", b.Code, pk)
				}
			}
			for _, c := range b.Counties {
				if !counties[c] {
					t.Errorf("belt %s: %q is not a county", b.Code, c)
				}
			}
		}
	})

	t.Run("seed", func(t *testing.T) {
		raw, err := os.ReadFile(seedTestTextPath)
		if errors.Is(err, fs.ErrNotExist) {
			t.Skipf("seed text absent (%s): cannot check the numbers against it", seedTestTextPath)
		}
		if err != nil {
			t.Fatalf("read seed text: %v", err)
		}
		st := seedTestLoadText(string(raw))

		t.Run("indicators", func(t *testing.T) {
			for _, in := range p.Indicators {
				t.Run(in.Code, func(t *testing.T) {
					st.checkText(t, "name", in.Name)
					if in.Baseline != nil {
						st.checkNumber(t, "baseline", in.Baseline.Value)
					}
					if in.Target.Value != nil {
						st.checkNumber(t, "target", *in.Target.Value)
					}
					if in.Target.External != "" {
						st.checkText(t, "external target", in.Target.External)
					}
				})
			}
		})

		t.Run("achievements", func(t *testing.T) {
			for _, a := range p.Achievements {
				t.Run(a.Code, func(t *testing.T) {
					if a.From != nil {
						st.checkNumber(t, "from", a.From.Value)
					}
					st.checkNumber(t, "to", a.To.Value)
					if a.GrowthPct != nil {
						st.checkNumber(t, "growth_pct", *a.GrowthPct)
					}
					if a.AnnualPct != nil {
						st.checkNumber(t, "annual_pct", *a.AnnualPct)
					}
				})
			}
		})

		t.Run("clusters", func(t *testing.T) {
			for _, c := range p.Clusters {
				t.Run(c.Code, func(t *testing.T) {
					if c.Target != nil {
						st.checkNumber(t, "target", c.Target.Value)
					}
					for _, g := range c.Goals {
						st.checkNumber(t, "goal "+g.Code, g.Value)
					}
					for _, s := range c.SubSectors {
						st.checkText(t, "sub-sector", s.Name)
						for _, e := range s.KeyEnterprises {
							st.checkText(t, s.Code+" enterprise", e)
						}
						for _, m := range s.MajorProjects {
							st.checkText(t, s.Code+" project", m)
						}
					}
				})
			}
		})

		t.Run("targets", func(t *testing.T) {
			for _, tg := range p.Targets {
				t.Run(tg.Code, func(t *testing.T) {
					st.checkNumber(t, "value", tg.Value)
				})
			}
		})
	})
}
