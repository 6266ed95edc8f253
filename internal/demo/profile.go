package demo

import (
	_ "embed"
	"fmt"

	"mfgplan/internal/datafile"
	"mfgplan/internal/plan"
)

//go:embed profile.yaml
var profileYAML []byte

type codeSpec struct {
	Code   string  `yaml:"code"`
	Weight float64 `yaml:"weight"`
	Word   string  `yaml:"word"`
	Energy string  `yaml:"energy"`
}

type groupSpec struct {
	Code      string     `yaml:"code"`
	FirmShare float64    `yaml:"firm_share"`
	BigShare  float64    `yaml:"big_share"`
	Codes     []codeSpec `yaml:"codes"`
}

type yearSpec struct {
	Year        int     `yaml:"year"`
	Firms       int     `yaml:"firms"`
	Growth      float64 `yaml:"growth"`
	MarginShift float64 `yaml:"margin_shift"`
}

type energySpec struct {
	Min, Max         float64
	Coal, Gas, Power float64
}

type profile struct {
	Groups       []groupSpec                   `yaml:"groups"`
	Counties     map[string]map[string]float64 `yaml:"counties"`
	ParkShare    float64                       `yaml:"park_share"`
	Years        []yearSpec                    `yaml:"years"`
	ExitShare    float64                       `yaml:"exit_share"`
	Progress     float64                       `yaml:"progress_per_year"`
	Season       []float64                     `yaml:"season"`
	Energy       map[string]energySpec         `yaml:"energy"`
	Coefficients struct {
		Coal  float64 `yaml:"coal_tce_per_t"`
		Gas   float64 `yaml:"gas_tce_per_10k_m3"`
		Power float64 `yaml:"power_tce_per_10k_kwh"`
	} `yaml:"coefficients"`
}

func loadProfile() (*profile, error) {
	var p profile
	if err := datafile.Decode("profile.yaml", profileYAML, &p); err != nil {
		return nil, fmt.Errorf("decoding demo profile: %w", err)
	}
	if len(p.Season) != 12 {
		return nil, fmt.Errorf("demo profile: season needs 12 monthly weights, has %d", len(p.Season))
	}
	return &p, nil
}

// targets are the 2020 city aggregates the dataset is calibrated to, read
// from the plan so that another plan's baselines calibrate its own demo.
type targets struct {
	Firms, Big                               int     // 规上 firms; firms with 营业收入 ≥ 1亿元
	Profit                                   float64 // 利润总额, 万元
	Margin                                   float64 // 营业收入利润率, %
	LossShare                                float64 // 企业亏损面, %
	RDCoverage, RDIntensity, RDIntensity25   float64 // %
	Digital, NC, Service                     float64 // %, %, %
	Pillar                                   float64 // 五大支柱营业收入, 万元
	HighTechShare                            float64 // %
	Specialized, HighTechFirms               int
	GreenNational, GreenProvincial           int
	TechCenters, TechCentersNational         int
	RDCoverage25, Digital25, NC25, Service25 float64 // 2025 targets
}

// planTargets reads the calibration targets; a missing figure is an error
// naming it, since a demo that silently invents a baseline would mislead.
func planTargets(p *plan.Plan) (targets, error) {
	var t targets
	var missing []string
	ind := func(code string, target bool) float64 {
		for _, i := range p.Indicators {
			if i.Code != code {
				continue
			}
			if target && i.Target.Value != nil {
				return *i.Target.Value
			}
			if !target && i.Baseline != nil {
				return i.Baseline.Value
			}
		}
		missing = append(missing, "indicator "+code)
		return 0
	}
	ach := func(code string) float64 {
		for _, a := range p.Achievements {
			if a.Code == code {
				return a.To.Value
			}
		}
		missing = append(missing, "achievement "+code)
		return 0
	}
	t.Firms, t.Big = int(ach("firms_above_scale")), int(ind("firms_revenue_over_100m", false))
	t.Profit, t.Margin, t.LossShare = ach("industrial_profit")*1e4, ind("profit_margin", false), ach("loss_making_share")
	t.RDCoverage, t.RDIntensity = ind("rd_coverage", false), ind("rd_intensity", false)
	t.Digital, t.NC, t.Service = ind("digital_rd_tools", false), ind("nc_key_process", false), ind("service_mfg_share", false)
	t.Pillar, t.HighTechShare = ind("pillar_revenue", false)*1e4, ind("hightech_revenue_share", false)
	t.Specialized, t.HighTechFirms = int(ind("specialized_sme_count", false)), int(ach("hightech_firms"))
	t.GreenNational, t.GreenProvincial = int(ach("green_factories_national")), int(ach("green_factories_provincial"))
	t.TechCenters, t.TechCentersNational = int(ach("enterprise_tech_centers")), int(ach("enterprise_tech_centers_national"))
	t.RDCoverage25, t.Digital25 = ind("rd_coverage", true), ind("digital_rd_tools", true)
	t.RDIntensity25 = ind("rd_intensity", true)
	t.NC25, t.Service25 = ind("nc_key_process", true), ind("service_mfg_share", true)
	if len(missing) > 0 {
		return t, fmt.Errorf("plan %s lacks the baselines the demo data is calibrated to: %v", p.ID, missing)
	}
	return t, nil
}

// revenue is the 2020 营业收入 implied by profit and margin, in 万元.
func (t targets) revenue() float64 { return t.Profit / (t.Margin / 100) }
