package project

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/audit"
	"mfgplan/internal/registry"
	"mfgplan/internal/store"
)

// DemoResult says what GenerateDemo wrote.
type DemoResult struct {
	Projects int     `json:"projects"`
	Months   int     `json:"months"`
	Problems int     `json:"problems"`
	Seconds  float64 `json:"seconds"`
}

// demoEnd is the last month of the demo's figures: December of the plan's
// last year, where the rest of the demo data ends too.
func (s *Service) demoEnd() Month { return Month{s.plan.Period.End, 12} }

// GenerateDemo adds synthetic projects (演示, named 「演示」…) in every
// county and every stage, with dates, yearly plans, monthly investment up
// to the plan's last December, 前期手续, problems and visits, in one
// transaction. Their paces differ so that every light shows. Owners are
// the registry's 演示 enterprises of the county where there are some. It
// refuses a store that already holds demo projects.
func (s *Service) GenerateDemo(ctx context.Context, seed uint64) (DemoResult, error) {
	start := time.Now()
	var res DemoResult
	if !access.From(ctx).Enter.All {
		return res, apperr.New(apperr.Forbidden, "只有系统管理员可以生成演示数据")
	}
	if n := 0; s.db.QueryRow(ctx, `SELECT COUNT(*) FROM projects WHERE origin = ?`, OriginDemo).Scan(&n) == nil && n > 0 {
		return res, apperr.New(apperr.Conflict, "库中已有 %d 个演示项目", n)
	}
	g := &demoGen{s: s, rng: rand.New(rand.NewPCG(seed, 0x70726f6a)), end: s.demoEnd()}
	if err := g.loadOwners(ctx); err != nil {
		return res, err
	}
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		for _, c := range s.plan.Counties {
			for i, st := range g.stagesFor() {
				if err := g.project(ctx, tx, c.Code, c.Name, i+1, st, &res); err != nil {
					return err
				}
			}
		}
		return audit.Record(ctx, tx, audit.Event{Action: "project.demo", Object: "projects", Detail: res})
	})
	res.Seconds = time.Since(start).Seconds()
	return res, err
}

type demoGen struct {
	s      *Service
	rng    *rand.Rand
	end    Month
	owners map[string][]registry.Enterprise // county → 演示 enterprises
}

// stagesFor is one county's projects: one in each stage and six more under
// construction, where the lights are judged.
func (g *demoGen) stagesFor() []Stage {
	out := append(append([]Stage{}, forward...), Paused, Terminated)
	for range 6 {
		out = append(out, []Stage{Started, Building, Building}[g.rng.IntN(3)])
	}
	return out
}

func (g *demoGen) loadOwners(ctx context.Context) error {
	g.owners = map[string][]registry.Enterprise{}
	for _, c := range g.s.plan.Counties {
		page, err := g.s.ents.List(ctx, registry.Filter{County: c.Code, Limit: 60})
		if err != nil {
			return err
		}
		for _, e := range page.Items {
			if e.Synthetic {
				g.owners[c.Code] = append(g.owners[c.Code], e)
			}
		}
	}
	return nil
}

// demoKinds name the demo's projects by their 建设性质.
var demoKinds = map[string]string{"new": "新建", "expand": "扩建", "upgrade": "技改", "relocate": "迁建", "purchase": "购置"}

// project writes one demo project reaching stage st.
func (g *demoGen) project(ctx context.Context, tx *store.Tx, county, countyName string, n int, st Stage, res *DemoResult) error {
	p := g.identity(county, countyName, n)
	dates := g.timeline(st)
	p.RegisteredOn, p.PlannedStart = dates[0], g.plannedStart(st, dates)
	if err := g.s.validate(p); err != nil {
		return fmt.Errorf("demo project %s: %w", p.Name, err)
	}
	p.Stage, p.StageOn = Reserve, p.RegisteredOn
	if err := g.s.insert(ctx, tx, p); err != nil {
		return err
	}
	if err := g.s.insertStage(ctx, tx, p.ID, "", Reserve, p.RegisteredOn, "演示数据"); err != nil {
		return err
	}
	if err := g.s.syncChecklist(ctx, tx, p); err != nil {
		return err
	}
	if err := g.moves(ctx, tx, p, st, dates); err != nil {
		return err
	}
	if err := g.approvals(ctx, tx, p); err != nil {
		return err
	}
	months, err := g.investment(ctx, tx, p)
	if err != nil {
		return err
	}
	res.Projects++
	res.Months += months
	probs, err := g.problemsAndVisits(ctx, tx, p)
	res.Problems += probs
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO project_events (project_id, kind, summary, detail, actor, recorded_at) VALUES (?, 'create', ?, '{}', ?, ?)`,
		p.ID, "生成演示项目「"+p.Name+"」", accessUser(ctx), g.s.stamp())
	return err
}

// identity is the project's name, place, industry, size and owner.
func (g *demoGen) identity(county, countyName string, n int) *Project {
	parks := []string{""}
	for _, k := range g.s.plan.Parks {
		if k.County == county {
			parks = append(parks, k.Code)
		}
	}
	c := g.s.plan.Clusters[g.rng.IntN(len(g.s.plan.Clusters)-1)] // not the digital "+1"
	sub := c.SubSectors[g.rng.IntN(len(c.SubSectors))]
	kinds := []string{"new", "new", "expand", "upgrade", "relocate", "purchase"}
	kind := kinds[g.rng.IntN(len(kinds))]
	total := math.Round(5000 + g.rng.Float64()*g.rng.Float64()*195000) // 0.5–20 亿元, most small
	p := &Project{Origin: OriginDemo, Tier: []string{"province", "city", "county", "county"}[g.rng.IntN(4)], Kind: kind,
		Name: fmt.Sprintf("「演示」%s%s%s项目%02d号", countyName, sub.Name, demoKinds[kind], n), County: county, Park: parks[g.rng.IntN(len(parks))],
		Cluster: c.Code, SubSector: sub.Code, Industry: g.industry(c.Code, sub.Code), TotalInvestment: &total, NewLand: kind == "new" || kind == "relocate",
		Hazardous: c.Code == "energy_chemical" && g.rng.IntN(2) == 0, ApprovalMode: []string{"record", "record", "approve"}[g.rng.IntN(3)],
		ServiceUnit: countyName + "经济和信息化局", ServicePerson: "演示帮办员" + fmt.Sprint(1+g.rng.IntN(9)), ContactName: "演示联系人",
		Content: "演示数据：" + sub.Name + "生产线及配套设施建设"}
	tce, kwh := math.Round(g.rng.Float64()*4000), math.Round(g.rng.Float64()*1500)
	p.EnergyTCE, p.ElectricityMkWh = &tce, &kwh
	if owners := g.owners[county]; len(owners) > 0 && g.rng.IntN(3) > 0 {
		o := owners[g.rng.IntN(len(owners))]
		p.EnterpriseID, p.OwnerName, p.OwnerUSCC = &o.ID, o.Name, o.USCC
	} else {
		p.OwnerName = "「演示」" + countyName + "产业投资有限公司"
	}
	return p
}

// industry picks a GB/T 4754 code the plan's industry map gives the
// sub-sector (else the cluster).
func (g *demoGen) industry(cluster, sub string) string {
	var subs, cls []string
	for _, r := range g.s.ents.IndustryMap().Rules {
		switch {
		case r.SubSector == sub:
			subs = append(subs, r.Prefix)
		case r.Cluster == cluster:
			cls = append(cls, r.Prefix)
		}
	}
	if len(subs) > 0 {
		return subs[g.rng.IntN(len(subs))]
	}
	if len(cls) > 0 {
		return cls[g.rng.IntN(len(cls))]
	}
	return ""
}

// timeline dates each step up to st (registration first), in order, from
// 2022 to the demo's last December.
func (g *demoGen) timeline(st Stage) []string {
	steps := st.rank()
	if st == Paused || st == Terminated {
		steps = Building.rank()
	}
	endDay := g.end.LastDay()
	first := time.Date(g.end.Year-3, 1, 10, 0, 0, 0, 0, time.UTC)
	span := int(endDay.Sub(first).Hours() / 24)
	day := first.AddDate(0, 0, g.rng.IntN(span/3))
	out := []string{day.Format(dateLayout)}
	for i := 0; i < steps+1; i++ {
		left := int(endDay.Sub(day).Hours()/24) - 10
		day = day.AddDate(0, 0, 10+g.rng.IntN(max(left/(steps+1-i), 1)))
		out = append(out, day.Format(dateLayout))
	}
	return out
}

// plannedStart: before 开工 some are late (the start rule lights them),
// others still to come; after it, the start day itself.
func (g *demoGen) plannedStart(st Stage, dates []string) string {
	if st.rank() >= Started.rank() && st.rank() < len(forward) {
		return dates[Started.rank()]
	}
	if st == Reserve && g.rng.IntN(2) == 0 {
		return ""
	}
	offset := []int{-5, -2, 0, 3}[g.rng.IntN(4)]
	return time.Date(g.end.Year, time.Month(g.end.Month+offset), 15, 0, 0, 0, 0, time.UTC).Format(dateLayout)
}

// moves records the transitions up to st on the timeline's dates.
func (g *demoGen) moves(ctx context.Context, tx *store.Tx, p *Project, st Stage, dates []string) error {
	for i := 1; i <= len(dates)-1 && p.Stage != st; i++ {
		to := forward[min(p.Stage.rank()+1, len(forward)-1)]
		reason := ""
		if (st == Paused || st == Terminated) && p.Stage == Building {
			to, reason = st, map[Stage]string{Paused: "演示：资金未到位，业主申请暂停", Terminated: "演示：投资方调整战略，项目终止"}[st]
		}
		from := p.Stage
		g.s.applyMove(p, Move{To: to, On: dates[i]})
		if _, err := tx.Exec(ctx, `UPDATE projects SET stage = ?, stage_on = ?, paused_from = ?, signed_on = ?, started_on = ? WHERE id = ?`,
			p.Stage, p.StageOn, p.PausedFrom, p.SignedOn, p.StartedOn, p.ID); err != nil {
			return fmt.Errorf("demo project %d: %w", p.ID, err)
		}
		if err := g.s.insertStage(ctx, tx, p.ID, from, to, dates[i], reason); err != nil {
			return err
		}
	}
	return nil
}
