package project

import (
	"context"
	"fmt"
	"slices"

	"mfgplan/internal/plan"
)

// PlanProject is one 重大项目 the plan names (plans/<plan>.projects.yaml).
type PlanProject struct {
	Key         string `yaml:"key" json:"key"`
	Name        string `yaml:"name" json:"name"`
	Cluster     string `yaml:"cluster" json:"cluster"`
	SubSector   string `yaml:"sub_sector" json:"sub_sector"`
	Ref         string `yaml:"ref" json:"ref"`
	County      string `yaml:"county" json:"county,omitempty"`
	CountyBasis string `yaml:"county_basis" json:"county_basis,omitempty"`
}

// Duty is a stage's service duty and what it means.
type Duty struct {
	Duty string `yaml:"duty" json:"duty"`
	Note string `yaml:"note" json:"note"`
}

// SignedOver counts, per year, the 签约 projects of at least Value (万元)
// against the plan target Target.
type SignedOver struct {
	Value  float64 `yaml:"value" json:"value"`
	Unit   string  `yaml:"unit" json:"unit"`
	Target string  `yaml:"target" json:"target"`
	Ref    string  `yaml:"ref" json:"ref"`
}

// PlanProjects is a plan's projects file.
type PlanProjects struct {
	Plan string `yaml:"plan" json:"plan"`
	// CompareIndicator is the plan indicator (制造业投资额) the bottom-up
	// sum of the manufacturing projects' investment is compared with.
	CompareIndicator string `yaml:"compare_indicator" json:"compare_indicator"`
	// Duties are the plan's service duty per stage (Dazhou's 三办一访).
	Duties    map[Stage]Duty `yaml:"duties" json:"duties"`
	DutiesRef string         `yaml:"duties_ref" json:"duties_ref"`
	// SignedOver is the plan's count of 签约 projects over a size per year.
	SignedOver *SignedOver   `yaml:"signed_over" json:"signed_over"`
	Projects   []PlanProject `yaml:"projects" json:"projects"`
}

// ParsePlanProjects reads a plan's projects file and checks it against the
// plan: unique keys, known cluster, sub-sector (of that cluster) and county,
// a name and a ref on every entry.
func ParsePlanProjects(name string, raw []byte, p *plan.Plan) (*PlanProjects, error) {
	var pp PlanProjects
	if err := decode(name, raw, &pp); err != nil {
		return nil, err
	}
	if pp.Plan != p.ID {
		return nil, fmt.Errorf("%s: projects file is for plan %q, not %q", name, pp.Plan, p.ID)
	}
	if pp.CompareIndicator != "" && !slices.ContainsFunc(p.Indicators, func(i plan.Indicator) bool { return i.Code == pp.CompareIndicator }) {
		return nil, fmt.Errorf("%s: compare_indicator %q is not an indicator of plan %s", name, pp.CompareIndicator, p.ID)
	}
	if err := pp.checkExtras(name, p); err != nil {
		return nil, err
	}
	pl := planPlaces(p)
	seen := map[string]bool{}
	for i, e := range pp.Projects {
		at := fmt.Sprintf("%s: projects[%d] (%s)", name, i, e.Key)
		switch sub, ok := pl.subSectors[e.SubSector]; {
		case e.Key == "" || seen[e.Key]:
			return nil, fmt.Errorf("%s: needs a unique key", at)
		case e.Name == "" || e.Ref == "":
			return nil, fmt.Errorf("%s: needs a name and a ref", at)
		case !ok || sub[0] != e.Cluster:
			return nil, fmt.Errorf("%s: sub-sector %q is not one of cluster %q", at, e.SubSector, e.Cluster)
		case e.County != "" && (pl.counties[e.County] == "" || e.CountyBasis == ""):
			return nil, fmt.Errorf("%s: county %q must be the plan's, with a county_basis", at, e.County)
		}
		seen[e.Key] = true
	}
	return &pp, nil
}

// checkExtras checks the duties (known stages, with a ref) and the
// signed-over count (a positive size and a target of the plan).
func (pp *PlanProjects) checkExtras(name string, p *plan.Plan) error {
	for st, d := range pp.Duties {
		if !st.valid() || d.Duty == "" || pp.DutiesRef == "" {
			return fmt.Errorf("%s: duties.%s needs a stage of the library, a duty and duties_ref", name, st)
		}
	}
	if so := pp.SignedOver; so != nil {
		if so.Value <= 0 || so.Ref == "" || !slices.ContainsFunc(p.Targets, func(t plan.Target) bool { return t.Code == so.Target }) {
			return fmt.Errorf("%s: signed_over needs a positive value, a ref and a target of plan %s", name, p.ID)
		}
	}
	return nil
}

// SeedPlan registers, as 谋划储备 projects marked as coming from the plan,
// the plan's named projects (Config.PlanProjects) not yet in the library
// (by key). They carry the plan's words only: no investment, dates or
// owner. The plan is the city's, so they are 市级重点. It returns how many
// it added.
func (s *Service) SeedPlan(ctx context.Context) (int, error) {
	pp := s.pp
	if pp == nil {
		return 0, nil
	}
	have := map[string]bool{}
	err := each(ctx, s.db, "plan projects", `SELECT plan_key FROM projects WHERE plan_key IS NOT NULL`, nil, func(r scanner) error {
		var k string
		err := r.Scan(&k)
		have[k] = true
		return err
	})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range pp.Projects {
		if have[e.Key] {
			continue
		}
		p := &Project{Origin: OriginPlan, PlanKey: e.Key, PlanRef: e.Ref, Tier: "city", NewLand: true}
		content := "规划所列重大项目（" + e.Ref + "）"
		if e.CountyBasis != "" {
			content += "；区县依据：" + e.CountyBasis
		}
		in := Input{Name: &e.Name, Cluster: &e.Cluster, SubSector: &e.SubSector, County: &e.County, Content: &content}
		if _, err := s.create(ctx, p, in, "来自规划 "+e.Ref); err != nil {
			return n, fmt.Errorf("seeding plan project %s: %w", e.Key, err)
		}
		n++
	}
	return n, nil
}

// LeadHandoff is a signed 招商 lead becoming a project (the promotion
// engine calls CreateFromLead). Ref identifies the lead; a lead becomes at
// most one project.
type LeadHandoff struct {
	Ref      string `json:"ref"`
	SignedOn string `json:"signed_on"` // the 签约 date
	Input
}

// CreateFromLead registers a signed lead as a project at 签约, dated its
// signing day (which is also its registration date unless given), and
// returns it; handing the same lead over again returns the project made
// the first time.
func (s *Service) CreateFromLead(ctx context.Context, h LeadHandoff) (*Project, error) {
	if h.Ref == "" {
		return nil, fieldError("ref", "招商线索", "须给出线索编号")
	}
	var existing int64
	err := s.db.QueryRow(ctx, `SELECT id FROM projects WHERE lead_ref = ?`, h.Ref).Scan(&existing)
	if err == nil {
		return s.Get(ctx, existing)
	}
	if !isNoRows(err) {
		return nil, fmt.Errorf("looking up lead %s: %w", h.Ref, err)
	}
	if _, ok := parseDate(h.SignedOn); !ok {
		return nil, fieldError("signed_on", "签约日期", "「"+clip(h.SignedOn)+"」不是日期，应写作 2025-06-30")
	}
	if h.RegisteredOn == nil {
		h.RegisteredOn = &h.SignedOn
	}
	if *h.RegisteredOn > h.SignedOn {
		return nil, fieldError("registered_on", "入库日期", "晚于签约日期"+dayName(h.SignedOn))
	}
	p := &Project{Origin: OriginLead, LeadRef: h.Ref, Tier: "county", NewLand: true}
	return s.create(ctx, p, h.Input, "招商签约转入，线索 "+h.Ref, Move{To: Signed, On: h.SignedOn})
}
