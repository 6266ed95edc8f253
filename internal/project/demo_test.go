package project

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// TestDemo: the demo has projects in every stage of every county, every
// light shows in its last month, and each progress light agrees with the
// figures by hand: 序时进度 in December is 100 %, so 落后 = 100 − 完成率.
func TestDemo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newService(t, db)
		sys := access.With(context.Background(), access.System)
		res, err := s.GenerateDemo(sys, 1)
		if err != nil || res.Projects != 7*15 || res.Months == 0 {
			t.Fatalf("demo %+v, %v", res, err)
		}
		if _, err := s.GenerateDemo(sys, 1); err == nil {
			t.Errorf("a second demo was accepted")
		}
		seen := map[string]bool{}
		lights := map[string]int{}
		page, err := s.List(as(cityUser), Filter{Period: "2025-12", Limit: MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range page.Items {
			if !strings.HasPrefix(it.Project.Name, "「演示」") || it.Origin != OriginDemo {
				t.Errorf("demo project %q is not labelled 演示", it.Project.Name)
			}
			seen[it.County+"/"+string(it.Stage)] = true
			lights[it.Light.Light]++
			checkProgressLight(t, it)
		}
		for _, c := range s.plan.Counties {
			for _, st := range append(append([]Stage{}, forward...), Paused, Terminated) {
				if !seen[c.Code+"/"+string(st)] {
					t.Errorf("%s has no demo project at %s", c.Name, st)
				}
			}
		}
		for _, l := range []string{LightRed, LightYellow, LightGreen, LightNone} {
			if lights[l] == 0 {
				t.Errorf("no demo project is %s in 2025-12 (%v)", l, lights)
			}
		}
	})
}

// checkProgressLight re-derives a 银川 progress light from the item's figures.
func checkProgressLight(t *testing.T, it Item) {
	t.Helper()
	if !strings.Contains(it.Reason, "投资进度：") || it.Completion == nil {
		return
	}
	completion := 100 * orZero(it.YTD) / *it.Planned
	behind := 100 - completion
	want := LightGreen
	switch {
	case round6(behind) > 30:
		want = LightRed
	case round6(behind) >= 10:
		want = LightYellow
	}
	if !strings.Contains(it.Reason, fmt.Sprintf("的%.1f%%", completion)) {
		t.Errorf("%s: reason %q does not state 完成率 %.1f%%", it.Number, it.Reason, completion)
	}
	if lightRank[it.Light.Light] < lightRank[want] {
		t.Errorf("%s: %.1f points behind is %s, want at least %s (%s)", it.Number, behind, it.Light.Light, want, it.Reason)
	}
}
