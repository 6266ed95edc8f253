package project

import (
	"context"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/plan"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
	"mfgplan/plans"
)

const (
	planProjectsFile = "dazhou-2021-2025.projects.yaml"
	planTextPath     = "../../../shared/seeds/000_cf815ffb579868dc.txt"
)

func dazhou(t *testing.T) (*plan.Plan, *PlanProjects) {
	t.Helper()
	raw, err := fs.ReadFile(plans.Files, plans.Default)
	if err != nil {
		t.Fatal(err)
	}
	l, err := plan.Parse(plans.Default, raw)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := fs.ReadFile(plans.Files, planProjectsFile)
	if err != nil {
		t.Fatal(err)
	}
	pp, err := ParsePlanProjects(planProjectsFile, pr, l.Plan)
	if err != nil {
		t.Fatal(err)
	}
	return l.Plan, pp
}

// TestPlanProjectsMatchPlan: the projects file lists exactly the plan's
// major_projects, each under the sub-sector that names it and with its
// 专栏's ref.
func TestPlanProjectsMatchPlan(t *testing.T) {
	p, pp := dazhou(t)
	var want, got []string
	for _, c := range p.Clusters {
		for _, sub := range c.SubSectors {
			for _, name := range sub.MajorProjects {
				want = append(want, sub.Code+"/"+name)
			}
		}
	}
	for _, e := range pp.Projects {
		got = append(got, e.SubSector+"/"+e.Name)
		sub := planPlaces(p).subSectors[e.SubSector]
		if !strings.Contains(e.Ref, "专栏") || !strings.Contains(e.Ref, sub[1]) {
			t.Errorf("%s: ref %q does not name its 专栏 and sub-sector %s", e.Key, e.Ref, sub[1])
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		t.Errorf("projects file %v\nplan file %v", got, want)
	}
	if len(got) != 45 {
		t.Errorf("%d projects, want the 45 of 专栏2–6", len(got))
	}
}

// TestPlanProjectsInPlanText: every name appears in the plan text (spaces
// and line breaks of the PDF extraction ignored).
func TestPlanProjectsInPlanText(t *testing.T) {
	raw, err := os.ReadFile(planTextPath)
	if err != nil {
		t.Skipf("plan text absent (%s): cannot check the names against it", planTextPath)
	}
	text := strings.Join(strings.Fields(string(raw)), "")
	_, pp := dazhou(t)
	for _, e := range pp.Projects {
		if !strings.Contains(text, strings.Join(strings.Fields(e.Name), "")) {
			t.Errorf("%s: %q is not in the plan text", e.Key, e.Name)
		}
	}
}

func TestSeedPlan(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newService(t, db)
		ctx := access.With(context.Background(), access.System)
		n, err := s.SeedPlan(ctx)
		if err != nil || n != 45 {
			t.Fatalf("seeded %d, %v", n, err)
		}
		if again, err := s.SeedPlan(ctx); err != nil || again != 0 {
			t.Errorf("seeding again added %d, %v", again, err)
		}
		page, err := s.List(as(cityUser), Filter{Origin: OriginPlan, Limit: 100})
		if err != nil || page.Total != 45 {
			t.Fatalf("plan projects in the library: %v, %v", page, err)
		}
		for _, it := range page.Items {
			if it.Stage != Reserve || it.PlanRef == "" || it.TotalInvestment != nil || it.Tier != "city" {
				t.Errorf("%s: stage %s, ref %q, investment %v", it.Project.Name, it.Stage, it.PlanRef, it.TotalInvestment)
			}
		}
		dazhu, _ := s.List(as(cityUser), Filter{Origin: OriginPlan, County: "511724"})
		if dazhu.Total != 4 {
			t.Errorf("plan projects named after 大竹: %d, want 4", dazhu.Total)
		}
		mine, _ := s.List(as(xuanhanOne), Filter{Origin: OriginPlan})
		if mine.Total != 0 {
			t.Errorf("宣汉县 sees %d plan projects without a county", mine.Total)
		}
	})
}
