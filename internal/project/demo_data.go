package project

import (
	"context"
	"fmt"
	"math"

	"mfgplan/internal/store"
)

// approvals: every required item of a started project is done before its
// start; a project in 前期 has some done and the rest due, some overdue.
func (g *demoGen) approvals(ctx context.Context, tx *store.Tx, p *Project) error {
	list, err := g.s.approvals(ctx, tx, p, g.end.LastDay())
	if err != nil {
		return err
	}
	for i, a := range list {
		if !a.Required {
			continue
		}
		status, doneOn, docNo, deadline := ApprovalPending, "", "", ""
		switch {
		case p.StartedOn != "":
			status, doneOn = ApprovalDone, p.StartedOn
		case p.Stage == Preparing && i%2 == 0:
			status, doneOn = ApprovalDone, p.StageOn
		case p.Stage == Preparing:
			status = ApprovalInProgress
			deadline = g.end.LastDay().AddDate(0, 0, g.rng.IntN(120)-75).Format(dateLayout) // some due, some just overdue, some long overdue
		}
		if status == ApprovalDone {
			docNo = fmt.Sprintf("演示文号〔%s〕%d号", doneOn[:4], 1+g.rng.IntN(300))
		}
		if _, err := tx.Exec(ctx, `UPDATE project_approvals SET status = ?, done_on = ?, doc_no = ?, deadline = ? WHERE project_id = ? AND item = ?`,
			status, doneOn, docNo, deadline, p.ID, a.Item); err != nil {
			return fmt.Errorf("demo approvals of project %d: %w", p.ID, err)
		}
	}
	return nil
}

// demoPaces are the shares of their annual plans projects complete: on
// plan, a little behind, well behind, far behind.
var demoPaces = []float64{1.08, 1.0, 0.96, 0.88, 0.8, 0.72, 0.55}

// investment writes yearly plans and monthly 累计 (from February; January
// is exempt) from the start month to the demo's last December, and
// returns how many months it wrote.
func (g *demoGen) investment(ctx context.Context, tx *store.Tx, p *Project) (int, error) {
	if p.StartedOn == "" {
		return 0, nil
	}
	start, _ := parseDate(p.StartedOn)
	last := g.end
	if p.Stage == Completed || p.Stage == Producing || p.Stage == Paused || p.Stage == Terminated {
		if t, ok := parseDate(p.StageOn); ok {
			last = monthOf(t)
		}
	}
	pace := demoPaces[g.rng.IntN(len(demoPaces))]
	years := last.Year - start.Year() + 1
	n := 0
	for y := start.Year(); y <= last.Year; y++ {
		planned := math.Round(*p.TotalInvestment / float64(years))
		if y == last.Year && last.Month < 12 {
			planned = math.Round(planned * float64(last.Month) / 12) // the plan of a year the project ends in covers its months
		}
		if err := g.s.saveYearPlan(ctx, tx, p.ID, y, planned, "demo"); err != nil {
			return n, err
		}
		ytd := 0.0
		for mo := 2; mo <= 12; mo++ {
			m := Month{y, mo}
			if m.index() < monthOf(start).index() || m.index() > last.index() {
				continue
			}
			ytd = math.Max(ytd, math.Round(planned*pace*float64(mo)/12*(0.9+0.2*g.rng.Float64())))
			if err := g.s.saveMonth(ctx, tx, p.ID, m, ytd, demoProgress(mo), "demo"); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

func demoProgress(mo int) string {
	return []string{"场地平整", "基础施工", "主体施工", "主体封顶", "设备安装", "设备调试"}[min((mo-1)/2, 5)]
}

// problemsAndVisits files a 要素保障 problem on some projects (open or
// resolved) and logs visits to the finished ones.
func (g *demoGen) problemsAndVisits(ctx context.Context, tx *store.Tx, p *Project) (int, error) {
	n := 0
	if p.Stage.rank() >= Signed.rank() && p.Stage.rank() <= Building.rank() && g.rng.IntN(3) == 0 {
		kinds := []string{"land", "energy", "funding", "environment", "labour", "power"}
		kind := kinds[g.rng.IntN(len(kinds))]
		status, resolution, resolvedOn := ProblemOpen, "", ""
		if g.rng.IntN(2) == 0 {
			status, resolution, resolvedOn = ProblemResolved, "演示：已协调解决", p.StageOn
		}
		deadline := g.end.LastDay().AddDate(0, -g.rng.IntN(3), 0).Format(dateLayout)
		if _, err := tx.Exec(ctx, `INSERT INTO project_problems (project_id, kind, description, owner_unit, owner_person, deadline, status, resolution,
			raised_on, resolved_on, raised_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.ID, kind, "演示："+name(g.s.vocab.ProblemKinds, kind)+"保障需协调", "演示责任单位", "演示责任人", deadline, status, resolution,
			p.StageOn, resolvedOn, accessUser(ctx), g.s.stamp()); err != nil {
			return n, fmt.Errorf("demo problem of project %d: %w", p.ID, err)
		}
		n++
	}
	if p.Stage == Completed || p.Stage == Producing {
		if _, err := tx.Exec(ctx, `INSERT INTO project_visits (project_id, visited_on, visitors, findings, follow_up, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			p.ID, p.StageOn, "演示走访组", "演示：生产经营正常", "下季度再访", accessUser(ctx), g.s.stamp()); err != nil {
			return n, fmt.Errorf("demo visit of project %d: %w", p.ID, err)
		}
	}
	return n, nil
}
