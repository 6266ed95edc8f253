package registry

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"

	"mfgplan/internal/apperr"
	"mfgplan/internal/datafile"
)

//go:embed classification.yaml
var classificationYAML []byte

//go:embed classes.yaml
var classesYAML []byte

// Class is a GB/T 4754-2017 小类 of 工业 (classes.yaml).
type Class struct {
	Code string `yaml:"code" json:"code"`
	Name string `yaml:"name" json:"name"`
}

type classList struct {
	Edition string  `yaml:"edition"`
	Classes []Class `yaml:"classes"`
}

// Division is a GB/T 4754-2017 大类 within 工业 (门类 B, C or D).
type Division struct {
	Code    string `yaml:"code" json:"code"`
	Section string `yaml:"section" json:"section"`
	Name    string `yaml:"name" json:"name"`
}

// HighTechCategory is one of the six categories of the NBS high-tech
// manufacturing classification (2017) with its 小类 codes.
type HighTechCategory struct {
	Code    string   `yaml:"code" json:"code"`
	Name    string   `yaml:"name" json:"name"`
	Classes []string `yaml:"classes" json:"classes"`
}

type optionalClass struct {
	Class    string `yaml:"class"`
	Category string `yaml:"category"`
	Name     string `yaml:"name"`
	Reason   string `yaml:"reason"`
}

// Classification answers what an industry code is: its division and whether
// it counts as 高技术制造业. It is read from data so that a corrected code
// list is an edit of classification.yaml, not of Go code.
type Classification struct {
	Edition    string             `yaml:"edition" json:"edition"`
	Divisions  []Division         `yaml:"divisions" json:"divisions"`
	HighTech   []HighTechCategory `yaml:"high_tech" json:"high_tech"`
	Optional   []optionalClass    `yaml:"optional" json:"-"`
	divisions  map[string]*Division
	classes    map[string]string // 小类 code → name
	highTechOf map[string]*HighTechCategory
}

// LoadClassification reads the embedded classification. includeOptional adds
// classes whose high-tech membership is unverified (3964 服务消费机器人制造);
// it is a configuration choice, off by default.
func LoadClassification(includeOptional bool) (*Classification, error) {
	var c Classification
	if err := datafile.Decode("classification.yaml", classificationYAML, &c); err != nil {
		return nil, fmt.Errorf("decoding industry classification: %w", err)
	}
	c.divisions = make(map[string]*Division, len(c.Divisions))
	for i := range c.Divisions {
		c.divisions[c.Divisions[i].Code] = &c.Divisions[i]
	}
	if err := c.loadClasses(); err != nil {
		return nil, err
	}
	c.highTechOf = map[string]*HighTechCategory{}
	for i := range c.HighTech {
		cat := &c.HighTech[i]
		for _, cl := range cat.Classes {
			if _, dup := c.highTechOf[cl]; dup {
				return nil, fmt.Errorf("industry classification: class %s listed twice in high_tech", cl)
			}
			c.highTechOf[cl] = cat
		}
	}
	for _, o := range c.Optional {
		if !includeOptional {
			continue
		}
		for i := range c.HighTech {
			if c.HighTech[i].Code == o.Category {
				c.HighTech[i].Classes = append(c.HighTech[i].Classes, o.Class)
				c.highTechOf[o.Class] = &c.HighTech[i]
			}
		}
	}
	return &c, nil
}

// loadClasses reads the 小类 list and checks that it and the high-tech list
// agree with the divisions: a class outside them, or a high-tech class that
// is not a class, is an error in the data files.
func (c *Classification) loadClasses() error {
	var l classList
	if err := datafile.Decode("classes.yaml", classesYAML, &l); err != nil {
		return fmt.Errorf("decoding industry classes: %w", err)
	}
	c.classes = make(map[string]string, len(l.Classes))
	for _, cl := range l.Classes {
		if !industryCodeRE.MatchString(cl.Code) || c.divisions[cl.Code[:2]] == nil {
			return fmt.Errorf("industry classes: %s %s is not a class of an industrial division", cl.Code, cl.Name)
		}
		if _, dup := c.classes[cl.Code]; dup {
			return fmt.Errorf("industry classes: class %s listed twice", cl.Code)
		}
		c.classes[cl.Code] = cl.Name
	}
	for _, cat := range c.HighTech {
		for _, code := range cat.Classes {
			if c.classes[code] == "" {
				return fmt.Errorf("industry classification: high-tech class %s is not in classes.yaml", code)
			}
		}
	}
	return nil
}

var industryCodeRE = regexp.MustCompile(`^\d{4}$`)

// CheckIndustryCode accepts a 4-digit GB/T 4754-2017 小类 code of a known
// industrial division. A leading section letter ("C3973") is accepted and
// dropped; the returned code is the bare 4 digits.
func (c *Classification) CheckIndustryCode(code string) (string, error) {
	if len(code) == 5 && code[0] >= 'A' && code[0] <= 'Z' {
		code = code[1:]
	}
	if !industryCodeRE.MatchString(code) {
		return "", apperr.New(apperr.Invalid, "行业代码 %q 应为4位数字的国民经济行业小类代码（GB/T 4754-2017）", code)
	}
	if c.divisions[code[:2]] == nil {
		return "", apperr.New(apperr.Invalid, "行业代码 %s 的大类 %s 不属于工业（采矿业、制造业、电力热力燃气及水生产和供应业）", code, code[:2])
	}
	if c.classes[code] == "" {
		return "", apperr.New(apperr.Invalid, "行业代码 %s 不是国民经济行业分类（GB/T 4754-2017）中的小类：%s下没有这个小类", code, c.divisions[code[:2]].Name)
	}
	return code, nil
}

// ClassName returns the 小类 name of a 4-digit code, or "".
func (c *Classification) ClassName(code string) string {
	return c.classes[code]
}

// HasPrefix reports whether some class starts with prefix (a 大类, 中类 or
// 小类 code), so that an industry-map rule names something that exists.
func (c *Classification) HasPrefix(prefix string) bool {
	if len(prefix) == 4 {
		return c.classes[prefix] != ""
	}
	for code := range c.classes {
		if strings.HasPrefix(code, prefix) {
			return true
		}
	}
	return false
}

// DivisionName returns the 大类 name of a 2-to-4-digit code, or "".
func (c *Classification) DivisionName(code string) string {
	if len(code) < 2 {
		return ""
	}
	if d := c.divisions[code[:2]]; d != nil {
		return d.Name
	}
	return ""
}

// IsHighTech reports whether a 4-digit class counts as 高技术制造业.
func (c *Classification) IsHighTech(code string) bool {
	return c.highTechOf[code] != nil
}

// HighTechCategory returns the high-tech category of a class, or nil.
func (c *Classification) HighTechCategory(code string) *HighTechCategory {
	return c.highTechOf[code]
}

// HighTechClasses lists every class counted as 高技术制造业.
func (c *Classification) HighTechClasses() []string {
	var out []string
	for _, cat := range c.HighTech {
		out = append(out, cat.Classes...)
	}
	return out
}
