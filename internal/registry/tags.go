package registry

import (
	_ "embed"
	"fmt"
	"slices"

	"mfgplan/internal/apperr"
	"mfgplan/internal/datafile"
)

//go:embed tags.yaml
var tagsYAML []byte

// TagLevel is a designation level (市级, 省级, 国家级), ordered.
type TagLevel struct {
	Code string `yaml:"code" json:"code"`
	Name string `yaml:"name" json:"name"`
}

// TagKind is a designation an enterprise can hold, with the levels at which
// it is granted.
type TagKind struct {
	Code       string   `yaml:"code" json:"code"`
	Name       string   `yaml:"name" json:"name"`
	Levels     []string `yaml:"levels" json:"levels"`
	ValidYears int      `yaml:"valid_years,omitempty" json:"valid_years,omitempty"`
}

// TagVocabulary is the set of designations and levels in force.
type TagVocabulary struct {
	LevelList []TagLevel `yaml:"levels" json:"levels"`
	Tags      []TagKind  `yaml:"tags" json:"tags"`
	rank      map[string]int
}

// LoadTagVocabulary reads the embedded vocabulary.
func LoadTagVocabulary() (*TagVocabulary, error) {
	var v TagVocabulary
	if err := datafile.Decode("tags.yaml", tagsYAML, &v); err != nil {
		return nil, fmt.Errorf("decoding tag vocabulary: %w", err)
	}
	v.rank = map[string]int{}
	for i, l := range v.LevelList {
		v.rank[l.Code] = i + 1
	}
	for _, t := range v.Tags {
		for _, l := range t.Levels {
			if v.rank[l] == 0 {
				return nil, fmt.Errorf("tag vocabulary: tag %s names unknown level %q", t.Code, l)
			}
		}
	}
	return &v, nil
}

// Tag returns the designation with the code, or nil.
func (v *TagVocabulary) Tag(code string) *TagKind {
	for i := range v.Tags {
		if v.Tags[i].Code == code {
			return &v.Tags[i]
		}
	}
	return nil
}

// check validates a tag code and level; a tag without levels takes "".
func (v *TagVocabulary) check(tag, level string) error {
	t := v.Tag(tag)
	if t == nil {
		return apperr.New(apperr.Invalid, "未知的企业称号 %q", tag)
	}
	if slices.Contains(t.Levels, level) || level == "" && len(t.Levels) <= 1 {
		return nil
	}
	return apperr.New(apperr.Invalid, "称号 %s（%s）的级别 %q 不合法，可选：%v", t.Code, t.Name, level, t.Levels)
}

// normalLevel fills in the only level of a single-level tag.
func (v *TagVocabulary) normalLevel(tag, level string) string {
	if t := v.Tag(tag); t != nil && level == "" && len(t.Levels) == 1 {
		return t.Levels[0]
	}
	return level
}

// levelsFrom returns the levels of tag at or above minLevel; an empty
// minLevel means any level (including none).
func (v *TagVocabulary) levelsFrom(tag, minLevel string) ([]string, error) {
	t := v.Tag(tag)
	if t == nil {
		return nil, apperr.New(apperr.Invalid, "未知的企业称号 %q", tag)
	}
	if minLevel == "" {
		return nil, nil
	}
	min := v.rank[minLevel]
	if min == 0 {
		return nil, apperr.New(apperr.Invalid, "未知的称号级别 %q", minLevel)
	}
	var out []string
	for _, l := range t.Levels {
		if v.rank[l] >= min {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil, apperr.New(apperr.Invalid, "称号 %s 没有 %s 及以上的级别", tag, minLevel)
	}
	return out, nil
}
