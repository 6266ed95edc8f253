package registry

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"mfgplan/internal/datafile"
	"mfgplan/internal/plan"
	"mfgplan/internal/store"
)

// IndustryRule maps every industry class starting with Prefix to a cluster
// and, optionally, a sub-sector of the plan.
type IndustryRule struct {
	Prefix    string `yaml:"prefix" json:"prefix"`
	Cluster   string `yaml:"cluster" json:"cluster"`
	SubSector string `yaml:"sub_sector" json:"sub_sector"`
	Note      string `yaml:"note,omitempty" json:"note,omitempty"`
}

// IndustryMap is a plan's table from GB/T 4754 code prefixes to its clusters
// and sub-sectors, and to its chain nodes. Plans group industries their own
// way, so the table is data per plan rather than code.
type IndustryMap struct {
	PlanID      string         `yaml:"plan" json:"plan_id"`
	Rules       []IndustryRule `yaml:"rules" json:"rules"`
	ChainRules  []ChainRule    `yaml:"chain_rules" json:"chain_rules"`
	byPref      map[string]*IndustryRule
	byChainPref map[string]*ChainRule
}

var prefixRE = regexp.MustCompile(`^\d{2,4}$`)

// ParseIndustryMap decodes a map file and checks every rule against the
// plan: prefixes of 2–4 digits, no prefix twice, known cluster and
// sub-sector, known chain nodes.
func ParseIndustryMap(name string, raw []byte, p *plan.Plan) (*IndustryMap, error) {
	var m IndustryMap
	if err := datafile.Strict(raw, &m); err != nil {
		return nil, &plan.ProblemsError{Problems: plan.YAMLProblems(name, err)}
	}
	var probs []plan.Problem
	add := func(path, format string, args ...any) {
		probs = append(probs, plan.Problem{File: name, Line: plan.LineOf(raw, path), Path: path, Message: fmt.Sprintf(format, args...)})
	}
	if m.PlanID != p.ID {
		add("plan", "industry map is for plan %q, not %q", m.PlanID, p.ID)
	}
	m.byPref = make(map[string]*IndustryRule, len(m.Rules))
	for i := range m.Rules {
		r := &m.Rules[i]
		at := fmt.Sprintf("rules[%d]", i)
		if err := checkRule(r, p); err != nil {
			add(at, "rule %d (prefix %q): %v", i+1, r.Prefix, err)
		} else if m.byPref[r.Prefix] != nil {
			add(at+".prefix", "rule %d: prefix %s appears twice", i+1, r.Prefix)
		}
		m.byPref[r.Prefix] = r
	}
	var chainErr *plan.ProblemsError
	if err := m.checkChainRules(name, raw, p); errors.As(err, &chainErr) {
		probs = append(probs, chainErr.Problems...)
	}
	if len(probs) > 0 {
		return nil, &plan.ProblemsError{Problems: probs}
	}
	return &m, nil
}

func checkRule(r *IndustryRule, p *plan.Plan) error {
	if !prefixRE.MatchString(r.Prefix) {
		return fmt.Errorf("prefix must be 2–4 digits of a GB/T 4754-2017 code")
	}
	for _, c := range p.Clusters {
		if c.Code != r.Cluster {
			continue
		}
		if r.SubSector == "" {
			return nil
		}
		for _, s := range c.SubSectors {
			if s.Code == r.SubSector {
				return nil
			}
		}
		return fmt.Errorf("cluster %s has no sub-sector %q", r.Cluster, r.SubSector)
	}
	return fmt.Errorf("the plan has no cluster %q", r.Cluster)
}

// Lookup returns the cluster and sub-sector of an industry class by the
// longest matching prefix; ok is false when no rule matches.
func (m *IndustryMap) Lookup(code string) (cluster, subSector string, ok bool) {
	if m == nil {
		return "", "", false
	}
	for n := min(len(code), 4); n >= 2; n-- {
		if r := m.byPref[code[:n]]; r != nil {
			return r.Cluster, r.SubSector, true
		}
	}
	return "", "", false
}

// SaveIndustryMap makes the store's industry_map for the plan equal to m.
func SaveIndustryMap(ctx context.Context, tx *store.Tx, m *IndustryMap) error {
	if _, err := tx.Exec(ctx, `DELETE FROM industry_map WHERE plan_id = ?`, m.PlanID); err != nil {
		return fmt.Errorf("clearing industry map of %s: %w", m.PlanID, err)
	}
	for _, r := range m.Rules {
		if _, err := tx.Exec(ctx, `INSERT INTO industry_map (plan_id, prefix, cluster_code, sub_sector_code) VALUES (?, ?, ?, ?)`,
			m.PlanID, r.Prefix, r.Cluster, r.SubSector); err != nil {
			return fmt.Errorf("storing industry map rule %s: %w", r.Prefix, err)
		}
	}
	return nil
}

// StoredIndustryMap reads the plan's rules as stored, ordered by prefix.
func StoredIndustryMap(ctx context.Context, q store.Querier, planID string) ([]IndustryRule, error) {
	rows, err := q.Query(ctx, `SELECT prefix, cluster_code, sub_sector_code FROM industry_map WHERE plan_id = ? ORDER BY prefix`, planID)
	if err != nil {
		return nil, fmt.Errorf("reading industry map of %s: %w", planID, err)
	}
	defer rows.Close()
	var out []IndustryRule
	for rows.Next() {
		var r IndustryRule
		if err := rows.Scan(&r.Prefix, &r.Cluster, &r.SubSector); err != nil {
			return nil, fmt.Errorf("reading industry map of %s: %w", planID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// UnknownPrefixes reports, as file:line problems, the rules whose prefix
// starts no class of the classification: a rule for "2699" or "13" that no
// enterprise can ever match is a typing mistake, not a mapping.
func (m *IndustryMap) UnknownPrefixes(c *Classification, name string, raw []byte) []plan.Problem {
	var out []plan.Problem
	check := func(path, prefix string) {
		if !c.HasPrefix(prefix) {
			out = append(out, plan.Problem{File: name, Line: plan.LineOf(raw, path), Path: path,
				Message: fmt.Sprintf("prefix %s starts no GB/T 4754-2017 class of 采矿业、制造业 or 电力热力燃气及水", prefix)})
		}
	}
	for i, r := range m.Rules {
		check(fmt.Sprintf("rules[%d].prefix", i), r.Prefix)
	}
	for i, r := range m.ChainRules {
		check(fmt.Sprintf("chain_rules[%d].prefix", i), r.Prefix)
	}
	return out
}
