package mujun

import (
	"context"
	"math"
	"sort"
	"strconv"

	"mfgplan/internal/apperr"
)

// Change is one field of a firm that differs between two runs; a nil side
// means the figure is missing there.
type Change struct {
	Field string `json:"field"`
	From  any    `json:"from"`
	To    any    `json:"to"`
}

// FirmDiff is a firm whose result differs between two runs.
type FirmDiff struct {
	EnterpriseID int64    `json:"enterprise_id"`
	Name         string   `json:"name"`
	Kind         string   `json:"kind"` // changed, added or removed
	Inputs       []Change `json:"inputs,omitempty"`
	Scores       []Change `json:"scores,omitempty"`
	Ranks        []Change `json:"ranks,omitempty"`
	Class        *Change  `json:"class,omitempty"`
}

// Diff is what changed from one run to another of the same year and method.
type Diff struct {
	From    Run        `json:"from"`
	To      Run        `json:"to"`
	Firms   []FirmDiff `json:"firms"`
	Unit    string     `json:"unit"`
	Period  string     `json:"period"`
	Summary string     `json:"summary"`
}

// DiffRuns compares two runs entry by entry, over the firms the caller may
// see, and lists exactly the firms whose inputs, scores, ranks or class differ.
func (s *Service) DiffRuns(ctx context.Context, fromID, toID int64) (Diff, error) {
	from, err := s.GetRun(ctx, fromID)
	if err != nil {
		return Diff{}, err
	}
	to, err := s.GetRun(ctx, toID)
	if err != nil {
		return Diff{}, err
	}
	if from.Year != to.Year || from.MethodID != to.MethodID {
		return Diff{}, apperr.New(apperr.Invalid, "只能比较同一年度、同一方法的两个版本（%d %s 与 %d %s）", from.Year, from.MethodID, to.Year, to.MethodID)
	}
	a, _, err := scopedEntries(ctx, s.DB, fromID, EntryFilter{})
	if err != nil {
		return Diff{}, err
	}
	b, _, err := scopedEntries(ctx, s.DB, toID, EntryFilter{})
	if err != nil {
		return Diff{}, err
	}
	d := Diff{From: from, To: to, Firms: diffEntries(a, b), Unit: "分（总分）；输入按其单位（金额为万元）", Period: strconv.Itoa(from.Year)}
	d.Summary = strconv.Itoa(len(d.Firms)) + " 家企业结果有变化"
	return d, nil
}

func diffEntries(a, b []Entry) []FirmDiff {
	before := make(map[int64]*Entry, len(a))
	for i := range a {
		before[a[i].EnterpriseID] = &a[i]
	}
	seen := map[int64]bool{}
	out := []FirmDiff{}
	for i := range b {
		e := &b[i]
		seen[e.EnterpriseID] = true
		old, ok := before[e.EnterpriseID]
		if !ok {
			out = append(out, FirmDiff{EnterpriseID: e.EnterpriseID, Name: e.Name, Kind: "added", Class: &Change{"class", nil, e.Class}})
			continue
		}
		if fd, changed := compareEntries(old, e); changed {
			out = append(out, fd)
		}
	}
	for i := range a {
		if !seen[a[i].EnterpriseID] {
			out = append(out, FirmDiff{EnterpriseID: a[i].EnterpriseID, Name: a[i].Name, Kind: "removed", Class: &Change{"class", a[i].Class, nil}})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].EnterpriseID < out[j].EnterpriseID })
	return out
}

func compareEntries(old, e *Entry) (FirmDiff, bool) {
	fd := FirmDiff{EnterpriseID: e.EnterpriseID, Name: e.Name, Kind: "changed"}
	for in := Input(0); in < NumInputs; in++ {
		x, y := old.Inputs[in], e.Inputs[in]
		if x != y && !(math.IsNaN(x) && math.IsNaN(y)) {
			fd.Inputs = append(fd.Inputs, Change{in.Code(), figure(x), figure(y)})
		}
	}
	// Items are matched by code: two versions may use different methods
	// (e.g. once the local indicators are set).
	before := make(map[string]float64, len(old.Items))
	for k := range old.Items {
		before[old.ItemCode(k)] = old.Items[k].Score
	}
	for k := range e.Items {
		code := e.ItemCode(k)
		if was, ok := before[code]; !ok {
			fd.Scores = append(fd.Scores, Change{code, nil, e.Items[k].Score})
		} else if was != e.Items[k].Score {
			fd.Scores = append(fd.Scores, Change{code, was, e.Items[k].Score})
		}
	}
	if old.Total != e.Total {
		fd.Scores = append(fd.Scores, Change{"total", old.Total, e.Total})
	}
	if old.RankCity != e.RankCity {
		fd.Ranks = append(fd.Ranks, Change{"rank_city", old.RankCity, e.RankCity})
	}
	if old.RankCounty != e.RankCounty {
		fd.Ranks = append(fd.Ranks, Change{"rank_county", old.RankCounty, e.RankCounty})
	}
	if old.Class != e.Class || old.Reason != e.Reason {
		fd.Class = &Change{"class", old.Class, e.Class}
	}
	changed := len(fd.Inputs)+len(fd.Scores)+len(fd.Ranks) > 0 || fd.Class != nil
	return fd, changed
}

// figure is a figure for JSON: nil when missing.
func figure(x float64) any {
	if math.IsNaN(x) {
		return nil
	}
	return x
}
