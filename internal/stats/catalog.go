// Package stats owns what enterprises report: the data catalog (data
// elements and datasets declared in data), periods, the stored values with
// their history, and the checks applied to them.
package stats

import (
	_ "embed"
	"fmt"

	"mfgplan/internal/datafile"
)

//go:embed catalog.yaml
var defaultCatalog []byte

// ValueType is the kind of value an element holds.
type ValueType string

const (
	Number  ValueType = "number"
	Integer ValueType = "integer"
	Bool    ValueType = "bool" // stored as 1 (是) or 0 (否)
)

// Element is a data element: one figure an enterprise reports.
type Element struct {
	Code          string     `yaml:"code" json:"code"`
	Name          string     `yaml:"name" json:"name"`
	NameEn        string     `yaml:"name_en" json:"name_en"`
	Unit          string     `yaml:"unit" json:"unit"`
	ValueType     ValueType  `yaml:"value_type" json:"value_type"`
	Aggregation   string     `yaml:"aggregation" json:"aggregation"`
	PeriodType    PeriodType `yaml:"period_type" json:"period_type"`
	Cumulative    bool       `yaml:"cumulative" json:"cumulative"`
	AllowNegative bool       `yaml:"allow_negative" json:"allow_negative"`
	Max           *float64   `yaml:"max" json:"max,omitempty"`
}

// Dataset is a form: the elements reported together for one period type.
type Dataset struct {
	Code       string     `yaml:"code" json:"code"`
	Name       string     `yaml:"name" json:"name"`
	NameEn     string     `yaml:"name_en" json:"name_en"`
	PeriodType PeriodType `yaml:"period_type" json:"period_type"`
	Elements   []string   `yaml:"elements" json:"elements"`
}

// Catalog is the set of elements and datasets in force.
type Catalog struct {
	Elements       []Element       `yaml:"elements" json:"elements"`
	Datasets       []Dataset       `yaml:"datasets" json:"datasets"`
	RegionElements []RegionElement `yaml:"region_elements" json:"region_elements"`
	byCode         map[string]*Element
}

// DefaultCatalog returns the built-in catalog.
func DefaultCatalog() (*Catalog, error) {
	return ParseCatalog(defaultCatalog)
}

// ParseCatalog decodes and checks a catalog.
func ParseCatalog(raw []byte) (*Catalog, error) {
	var c Catalog
	if err := datafile.Decode("catalog.yaml", raw, &c); err != nil {
		return nil, fmt.Errorf("decoding data catalog: %w", err)
	}
	c.byCode = make(map[string]*Element, len(c.Elements))
	for i := range c.Elements {
		e := &c.Elements[i]
		if _, dup := c.byCode[e.Code]; dup || e.Code == "" {
			return nil, fmt.Errorf("data catalog: element %d has an empty or duplicate code %q", i, e.Code)
		}
		switch e.ValueType {
		case Number, Integer, Bool:
		default:
			return nil, fmt.Errorf("data catalog: element %s: unknown value type %q", e.Code, e.ValueType)
		}
		c.byCode[e.Code] = e
	}
	for _, d := range c.Datasets {
		for _, code := range d.Elements {
			if c.byCode[code] == nil {
				return nil, fmt.Errorf("data catalog: dataset %s names unknown element %q", d.Code, code)
			}
		}
	}
	if err := c.checkRegionElements(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Element returns the element with the code, or nil.
func (c *Catalog) Element(code string) *Element { return c.byCode[code] }

// Dataset returns the dataset with the code, or nil.
func (c *Catalog) Dataset(code string) *Dataset {
	for i := range c.Datasets {
		if c.Datasets[i].Code == code {
			return &c.Datasets[i]
		}
	}
	return nil
}
