package stats

import (
	"context"
	"fmt"
	"time"

	"mfgplan/internal/datafile"
	"mfgplan/internal/store"
)

// publishedFile is a plan's file of published region figures with the
// sources they were read in.
type publishedFile struct {
	Plan    string `yaml:"plan"`
	Sources map[string]struct {
		Title       string `yaml:"title"`
		URL         string `yaml:"url"`
		Reliability string `yaml:"reliability"`
	} `yaml:"sources"`
	Values []struct {
		Org     string  `yaml:"org"`
		Element string  `yaml:"element"`
		Period  string  `yaml:"period"`
		Value   float64 `yaml:"value"`
		Source  string  `yaml:"source"`
		Note    string  `yaml:"note"`
	} `yaml:"values"`
}

// ParsePublished reads a published-statistics file into region values whose
// source names the source id, title, URL and reliability grade.
func ParsePublished(name string, raw []byte) ([]RegionValue, error) {
	var f publishedFile
	if err := datafile.Decode(name, raw, &f); err != nil {
		return nil, fmt.Errorf("decoding published statistics: %w", err)
	}
	out := make([]RegionValue, 0, len(f.Values))
	for i, v := range f.Values {
		src, ok := f.Sources[v.Source]
		if !ok {
			return nil, fmt.Errorf("%s: value %d (%s %s %s): unknown source %q", name, i+1, v.Org, v.Element, v.Period, v.Source)
		}
		out = append(out, RegionValue{Org: v.Org, Element: v.Element, Period: v.Period, Value: v.Value, Note: v.Note,
			Source: fmt.Sprintf("[%s] %s %s（可靠性%s）", v.Source, src.Title, src.URL, src.Reliability)})
	}
	return out, nil
}

// LoadDefaults stores the given figures where none is stored yet for the
// same org, element and period, so a figure a user corrected is never
// overwritten; it returns how many were added. All are checked first and
// written in one transaction.
func (r *RegionValues) LoadDefaults(ctx context.Context, vals []RegionValue) (int, error) {
	added := 0
	err := r.db.InTx(ctx, func(tx *store.Tx) error {
		now := time.Now().UTC().Format(time.RFC3339)
		for i := range vals {
			v := vals[i]
			if err := r.check(ctx, tx, &v); err != nil {
				return fmt.Errorf("published figure %s %s of %s: %w", v.Element, v.Period, v.Org, err)
			}
			v.UpdatedBy, v.UpdatedAt = "system", now
			n, err := upsertRegionValue(ctx, tx, v, false)
			if err != nil {
				return err
			}
			added += int(n)
		}
		return nil
	})
	return added, err
}

// PublishedIssue is a problem of a published-statistics file at a YAML path
// (values[3].element), for callers that locate it by line.
type PublishedIssue struct {
	Path    string
	Message string
}

// CheckPublished lists every problem of a published-statistics file: a
// figure with an unknown source, an element the catalog has no region
// element for, a period that does not parse, or an org unit that known
// rejects. ParsePublished stops at the first; plan validate wants them all.
func CheckPublished(raw []byte, cat *Catalog, known func(org string) bool) ([]PublishedIssue, error) {
	var f publishedFile
	if err := datafile.Strict(raw, &f); err != nil {
		return nil, err
	}
	var out []PublishedIssue
	add := func(path, format string, args ...any) {
		out = append(out, PublishedIssue{Path: path, Message: fmt.Sprintf(format, args...)})
	}
	for i, v := range f.Values {
		at := fmt.Sprintf("values[%d]", i)
		if _, ok := f.Sources[v.Source]; !ok {
			add(at+".source", "unknown source %q", v.Source)
		}
		if cat.RegionElement(v.Element) == nil {
			add(at+".element", "region element %q is not in the data catalog", v.Element)
		}
		if _, err := ParsePeriod(v.Period); err != nil {
			add(at+".period", "%v", err)
		}
		if !known(v.Org) {
			add(at+".org", "org unit %q is not the plan's region or one of its divisions", v.Org)
		}
	}
	return out, nil
}
