package mujun

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Problem is one thing wrong with a method file: where (file, field) and why.
type Problem struct {
	File    string `json:"file"`
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (p Problem) String() string { return fmt.Sprintf("%s: %s: %s", p.File, p.Path, p.Message) }

// ProblemsError lists every problem of a method file.
type ProblemsError struct{ Problems []Problem }

func (e *ProblemsError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return strings.Join(parts, "\n")
}

// weightTolerance absorbs decimal weights such as 33.3 + 33.3 + 33.4.
const weightTolerance = 1e-6

type checker struct {
	file  string
	probs []Problem
}

func (c *checker) add(path, format string, args ...any) {
	c.probs = append(c.probs, Problem{File: c.file, Path: path, Message: fmt.Sprintf(format, args...)})
}

// Validate checks a method: known inputs, known functions and rules, weights
// that add up, shares in [0,1] that cover the ranked firms, and a source on
// every constant.
func Validate(file string, m *Method) []Problem {
	c := &checker{file: file}
	if m.ID == "" || m.Version < 1 || m.Name == "" || m.Source == "" {
		c.add("id/version/name/source", "方法必须有 id、正整数 version、name 和 source")
	}
	if _, err := time.Parse("2006-01-02", m.EffectiveFrom); err != nil {
		c.add("effective_from", "生效日期须为 YYYY-MM-DD，实为 %q", m.EffectiveFrom)
	}
	if !oneOf(m.Population.Scale, "above_scale", "below_scale", "all") {
		c.add("population.scale", "须为 above_scale、below_scale 或 all，实为 %q", m.Population.Scale)
	}
	c.indicators("indicators", m.Indicators)
	c.local(m)
	c.weights(m)
	c.adjustments(m.Adjustments)
	c.classes(m.Classes)
	for i, ex := range m.Exempt {
		p := fmt.Sprintf("exempt[%d]", i)
		if ex.Reason == "" || ex.Source == "" || (len(ex.IndustryPrefixes) == 0 && ex.MinAgeYears <= 0) {
			c.add(p, "T类规则须有 reason、source，以及 industry_prefixes 或 min_age_years")
		}
	}
	return c.probs
}

func (c *checker) indicators(base string, inds []Indicator) {
	seen := map[string]bool{}
	for i, ind := range inds {
		p := fmt.Sprintf("%s[%d](%s)", base, i, ind.Code)
		if ind.Code == "" || ind.Name == "" || ind.Unit == "" || ind.Source == "" {
			c.add(p, "指标须有 code、name、unit、source")
		}
		if seen[ind.Code] {
			c.add(p, "指标代码重复")
		}
		seen[ind.Code] = true
		for _, in := range []string{ind.Numerator, ind.Denominator} {
			if _, ok := inputByCode(in); !ok {
				c.add(p, "未知输入 %q（可用：%s）", in, strings.Join(inputCodes[:], ", "))
			}
		}
		if ind.Weight <= 0 {
			c.add(p+".weight", "权重须为正数，实为 %g", ind.Weight)
		}
		c.scoring(p+".scoring", ind.Scoring)
		c.benchmark(p+".benchmark", ind.Benchmark, ind.Scoring.Function)
		if !oneOf(ind.Missing.Rule, "average_score", "zero") || ind.Missing.Source == "" {
			c.add(p+".missing", "缺失规则须为 average_score 或 zero 并注明 source，实为 %q", ind.Missing.Rule)
		}
	}
}

func (c *checker) scoring(p string, s Scoring) {
	switch s.Function {
	case "ratio":
		if s.CapMultiplier != nil && *s.CapMultiplier <= 0 {
			c.add(p+".cap_multiplier", "封顶倍数须为正数")
		}
	case "minmax":
		if s.High <= s.Low || s.Low < 0 {
			c.add(p, "minmax 须有 0 ≤ low < high，实为 low=%g high=%g", s.Low, s.High)
		}
	default:
		c.add(p+".function", "评分函数须为 ratio 或 minmax，实为 %q", s.Function)
	}
	if s.Source == "" {
		c.add(p+".source", "评分函数须注明 source")
	}
}

func (c *checker) benchmark(p string, b Benchmark, function string) {
	if function == "minmax" {
		if !oneOf(b.Region, "city", "county") {
			c.add(p+".region", "minmax 的比较范围须为 city 或 county，实为 %q", b.Region)
		}
		return
	}
	switch b.Rule {
	case "fixed":
		if len(b.Values) == 0 {
			c.add(p+".values", "固定基准须按年份给出数值")
		}
		for y, v := range b.Values {
			if len(y) != 4 || v <= 0 {
				c.add(p+".values."+y, "基准值须以四位年份为键且为正数，实为 %g", v)
			}
		}
	case "average":
		if !oneOf(b.Region, "city", "county") || !oneOf(b.Year, "prior", "current") || b.K < 0 {
			c.add(p, "平均值基准须有 region(city/county)、year(prior/current)、k ≥ 0")
		}
	default:
		c.add(p+".rule", "基准规则须为 fixed 或 average，实为 %q", b.Rule)
	}
	if b.Source == "" {
		c.add(p+".source", "基准须注明 source")
	}
	if b.Fallback != nil {
		c.benchmark(p+".fallback", *b.Fallback, function)
	}
}

func (c *checker) local(m *Method) {
	l := m.Local
	if l == nil {
		return
	}
	c.indicators("local.indicators", l.Indicators)
	switch {
	case l.Status == "empty" && len(l.Indicators) > 0:
		c.add("local.status", "标为 empty 却列了 %d 个地方指标", len(l.Indicators))
	case l.Status == "set" && (len(l.Indicators) == 0 || len(l.Indicators) > l.MaxItems):
		c.add("local.indicators", "地方特色指标须为 1–%d 项，实为 %d 项", l.MaxItems, len(l.Indicators))
	case l.Status != "empty" && l.Status != "set":
		c.add("local.status", "须为 empty 或 set，实为 %q", l.Status)
	}
	if l.Status == "set" && math.Abs(sumWeights(l.Indicators)-l.Weight) > weightTolerance {
		c.add("local.indicators", "地方特色指标权重合计须为 %g，实为 %g", l.Weight, sumWeights(l.Indicators))
	}
	if l.Source == "" || l.Note == "" {
		c.add("local", "地方指标槽须注明 source 和 note（未设定时如何计分）")
	}
}

// weights checks that the indicator weights, with the local slot's reserved
// weight, total 100; a method scoring with weights in force below 100 must
// say how it rescales.
func (c *checker) weights(m *Method) {
	total := sumWeights(m.Indicators)
	if m.Local != nil {
		total += m.Local.Weight
	}
	if math.Abs(total-100) > weightTolerance {
		c.add("indicators.weight", "权重合计须为 100（含地方指标槽），实为 %g", total)
	}
	if m.WeightInForce() < 100-weightTolerance && m.Total.RescaleTo <= 0 {
		c.add("total.rescale_to", "在用权重合计 %g < 100，须设 rescale_to 说明如何折算", m.WeightInForce())
	}
}

func (c *checker) adjustments(adj []Adjustment) {
	for i, a := range adj {
		p := fmt.Sprintf("adjustments[%d](%s)", i, a.Code)
		if a.Code == "" || a.Name == "" || a.Source == "" || !oneOf(a.Kind, "bonus", "penalty") || a.MaxPoints <= 0 {
			c.add(p, "加减分项须有 code、name、source、kind(bonus/penalty) 和正的 max_points")
		}
	}
}

func (c *checker) classes(cl Classes) {
	if !oneOf(cl.Group, "city", "county") || cl.Source == "" {
		c.add("classes", "分类须有 group(city/county) 和 source")
	}
	switch cl.Rule {
	case "rank_shares":
		var sum float64
		for _, s := range cl.Shares {
			if s.Share < 0 || s.Share > 1 || s.Class == "" || s.Class == ClassT {
				c.add("classes.shares", "类别 %q 的比例 %g 须在 [0,1] 内，且不得为 T", s.Class, s.Share)
			}
			sum += s.Share
		}
		if math.Abs(sum-1) > weightTolerance {
			c.add("classes.shares", "各类比例合计须为 1，实为 %g", sum)
		}
	case "thresholds":
		for i, t := range cl.Thresholds {
			if i > 0 && t.MinScore >= cl.Thresholds[i-1].MinScore {
				c.add("classes.thresholds", "分数线须从高到低排列（%s）", t.Class)
			}
		}
		if len(cl.Thresholds) == 0 || cl.Thresholds[len(cl.Thresholds)-1].MinScore > 0 {
			c.add("classes.thresholds", "最后一档须为 min_score ≤ 0，使每个企业都有类别")
		}
	default:
		c.add("classes.rule", "分类规则须为 rank_shares 或 thresholds，实为 %q", cl.Rule)
	}
	known := map[string]bool{}
	for _, n := range cl.classNames() {
		known[n] = true
	}
	names := cl.classNames()
	for _, k := range cl.Constraints {
		if len(names) > 0 && k.Class == names[len(names)-1] && k.MaxShare != nil {
			c.add("classes.constraints", "最末类 %s 不能设 max_share（无更低类别可降）", k.Class)
		}
		if !known[k.Class] || k.Source == "" || (k.MaxShare == nil && k.MinShare == nil) {
			c.add("classes.constraints", "约束须针对已有类别并给出 max_share 或 min_share 和 source（%s）", k.Class)
		}
	}
}

// classNames lists the graded classes, best first.
func (cl Classes) classNames() []string {
	var out []string
	for _, s := range cl.Shares {
		out = append(out, s.Class)
	}
	for _, t := range cl.Thresholds {
		out = append(out, t.Class)
	}
	return out
}

func sumWeights(inds []Indicator) float64 {
	var w float64
	for _, ind := range inds {
		w += ind.Weight
	}
	return w
}

func oneOf(s string, options ...string) bool {
	for _, o := range options {
		if s == o {
			return true
		}
	}
	return false
}
