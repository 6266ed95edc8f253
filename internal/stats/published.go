package stats

import (
	"context"
	"fmt"
	"time"

	"gopkg.in/yaml.v3"

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
	if err := yaml.Unmarshal(raw, &f); err != nil {
		return nil, fmt.Errorf("%s: decoding published statistics: %w", name, err)
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
