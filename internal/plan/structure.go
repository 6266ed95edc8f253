package plan

// Cluster is one industry cluster of the plan's industry system (2+3+1 in Dazhou).
type Cluster struct {
	Code       string         `yaml:"code" json:"code"`
	Name       string         `yaml:"name" json:"name"`
	NameEn     string         `yaml:"name_en" json:"name_en"`
	Group      string         `yaml:"group" json:"group"` // advantage, emerging, digital
	Target     *ClusterTarget `yaml:"target,omitempty" json:"target,omitempty"`
	SubSectors []SubSector    `yaml:"sub_sectors" json:"sub_sectors"`
	Goals      []Target       `yaml:"goals,omitempty" json:"goals,omitempty"`
	Ref        string         `yaml:"ref" json:"ref"`
}

// ClusterTarget is a cluster's output target (产值) for the target year.
type ClusterTarget struct {
	Metric string  `yaml:"metric" json:"metric"`
	Value  float64 `yaml:"value" json:"value"`
	Unit   string  `yaml:"unit" json:"unit"`
	Year   int     `yaml:"year" json:"year"`
}

// SubSector is a field within a cluster with the products, enterprises and
// projects the plan names for it (专栏2–6).
type SubSector struct {
	Code           string   `yaml:"code" json:"code"`
	Name           string   `yaml:"name" json:"name"`
	NameEn         string   `yaml:"name_en" json:"name_en"`
	KeyProducts    []string `yaml:"key_products,omitempty" json:"key_products,omitempty"`
	KeyEnterprises []string `yaml:"key_enterprises,omitempty" json:"key_enterprises,omitempty"`
	MajorProjects  []string `yaml:"major_projects,omitempty" json:"major_projects,omitempty"`
	Ref            string   `yaml:"ref" json:"ref"`
}

// Chain is an industrial chain as a directed graph: raw material to products,
// branching where the plan branches.
type Chain struct {
	Code      string      `yaml:"code" json:"code"`
	Name      string      `yaml:"name" json:"name"`
	Cluster   string      `yaml:"cluster" json:"cluster"`
	SubSector string      `yaml:"sub_sector,omitempty" json:"sub_sector,omitempty"`
	Status    string      `yaml:"status,omitempty" json:"status,omitempty"` // the plan's verb: 打造, 延伸, 布局, 新建 …
	Nodes     []ChainNode `yaml:"nodes" json:"nodes"`
	Edges     []ChainEdge `yaml:"edges" json:"edges"`
	Ref       string      `yaml:"ref" json:"ref"`
}

// ChainNode is one product or stage of a chain.
type ChainNode struct {
	Code string `yaml:"code" json:"code"`
	Name string `yaml:"name" json:"name"`
}

// ChainEdge says that From feeds To.
type ChainEdge struct {
	From string `yaml:"from" json:"from"`
	To   string `yaml:"to" json:"to"`
}

// County is a county-level division (县/区/县级市) with its GB/T 2260 code.
type County struct {
	Code  string   `yaml:"code" json:"code"`
	Name  string   `yaml:"name" json:"name"`
	Focus []string `yaml:"focus,omitempty" json:"focus,omitempty"`
	// Towns are the county's 乡镇/街道 that the plan names; most plans name
	// none, and users add the towns they need (registry).
	Towns []Town `yaml:"towns,omitempty" json:"towns,omitempty"`
	Ref   string `yaml:"ref" json:"ref"`
}

// Park is an industrial park or development zone; it belongs to one county.
type Park struct {
	Code     string   `yaml:"code" json:"code"`
	Name     string   `yaml:"name" json:"name"`
	County   string   `yaml:"county" json:"county"`
	Kind     string   `yaml:"kind" json:"kind"` // 高新区, 经开区, 特色园区, 合作园区 …
	Featured bool     `yaml:"featured,omitempty" json:"featured,omitempty"`
	Clusters []string `yaml:"clusters,omitempty" json:"clusters,omitempty"`
	Goal     string   `yaml:"goal,omitempty" json:"goal,omitempty"`
	Ref      string   `yaml:"ref" json:"ref"`
}

// Layout is the spatial structure (双核·四带·多点 in Dazhou).
type Layout struct {
	Cores []string `yaml:"cores" json:"cores"` // park, division or named region codes
	Belts []Belt   `yaml:"belts" json:"belts"`
	Ref   string   `yaml:"ref" json:"ref"`
}

// Belt is a development belt along a route, with the parks and counties on it.
type Belt struct {
	Code     string   `yaml:"code" json:"code"`
	Name     string   `yaml:"name" json:"name"`
	Route    string   `yaml:"route" json:"route"`
	Parks    []string `yaml:"parks,omitempty" json:"parks,omitempty"`
	Counties []string `yaml:"counties,omitempty" json:"counties,omitempty"`
	Ref      string   `yaml:"ref" json:"ref"`
}

// TargetRule says how a non-headline quantitative target is counted.
type TargetRule string

const (
	// RuleByEnd is a level to reach by the end year.
	RuleByEnd TargetRule = "by_end"
	// RuleCumulative is a sum over the plan period.
	RuleCumulative TargetRule = "cumulative"
	// RulePerYear is a count to reach in each year.
	RulePerYear TargetRule = "per_year"
	// RuleMinShare is a minimum share in percent, held every year.
	RuleMinShare TargetRule = "min_share"
)

// Target is a quantitative target from the plan's tasks and 专栏7–12 or its
// 保障措施 (enterprises to cultivate, platforms to build, projects per year …).
type Target struct {
	Code    string     `yaml:"code" json:"code"`
	Name    string     `yaml:"name" json:"name"`
	Value   float64    `yaml:"value" json:"value"`
	Unit    string     `yaml:"unit" json:"unit"`
	Rule    TargetRule `yaml:"rule" json:"rule"`
	Year    int        `yaml:"year,omitempty" json:"year,omitempty"`
	AtLeast bool       `yaml:"at_least,omitempty" json:"at_least,omitempty"`
	Ref     string     `yaml:"ref" json:"ref"`
}

// Supervision is how often the plan orders 督查 and 效果评估.
type Supervision struct {
	InspectionsPerYear int    `yaml:"inspections_per_year" json:"inspections_per_year"`
	EvaluationsPerYear int    `yaml:"evaluations_per_year" json:"evaluations_per_year"`
	Owner              string `yaml:"owner" json:"owner"`
	Ref                string `yaml:"ref" json:"ref"`
}
