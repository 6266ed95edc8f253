package cli

import (
	"context"
	"fmt"

	"mfgplan/internal/access"
	"mfgplan/internal/indicator/query"
	"mfgplan/internal/project"
)

// openProjects builds the project library over the registry, the import
// machinery and the indicators, and adds the plan's named projects (the
// plan's .projects.yaml) that are not yet in it.
func (a *App) openProjects(ctx context.Context) error {
	rules, err := project.LoadRules()
	if err != nil {
		return err
	}
	name, raw, err := companion(a.Config.Plan, ".projects.yaml")
	if err != nil {
		return err
	}
	var pp *project.PlanProjects
	if raw != nil {
		if pp, err = project.ParsePlanProjects(name, raw, a.Plan.Plan); err != nil {
			return err
		}
	}
	cfg := project.Config{DB: a.DB, Plan: a.Plan.Plan, Rules: rules, Enterprises: a.Registry, Collect: a.Collect, PlanProjects: pp, Log: a.Log}
	if pp != nil && pp.CompareIndicator != "" && a.Indicators != nil {
		cfg.Official = mfgFigures{svc: a.Indicators, code: pp.CompareIndicator}
	}
	if a.Projects, err = project.NewService(cfg); err != nil || pp == nil {
		return err
	}
	n, err := a.Projects.SeedPlan(access.With(ctx, access.System))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if n > 0 {
		a.Log.Info("added the plan's named projects to the library", "file", name, "projects", n)
	}
	return nil
}

// mfgFigures answers the project library's question for the statistics
// figure of 制造业投资额 from the plan's indicator: the year's own value
// (the indicator is cumulative over the plan period) for the unit and,
// for the city, its counties.
type mfgFigures struct {
	svc  *query.Service
	code string
}

func (f mfgFigures) MfgInvestment(ctx context.Context, year int, org string) (map[string]float64, string, error) {
	q := query.Params{Year: year, Org: org}
	if org == "" {
		q.By = "county"
	}
	res, err := f.svc.Indicators(ctx, q)
	if err != nil {
		return nil, "", err
	}
	out := map[string]float64{}
	f.take(out, "", res.Table)
	for _, t := range res.Breakdown {
		f.take(out, t.Org.Code, t)
	}
	return out, res.PeriodLabel, nil
}

func (f mfgFigures) take(out map[string]float64, key string, t query.Table) {
	for _, r := range t.Items {
		if r.Code != f.code {
			continue
		}
		v := r.YearActual
		if v == nil {
			v = r.Actual
		}
		if v != nil {
			out[key] = *v
		}
	}
}
