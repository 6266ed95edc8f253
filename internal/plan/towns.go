package plan

import (
	"fmt"
	"regexp"
)

// Town is a township-level division (乡、镇、街道) of a county, with its
// 9-digit 统计用区划代码.
type Town struct {
	Code string `yaml:"code" json:"code"`
	Name string `yaml:"name" json:"name"`
	Ref  string `yaml:"ref" json:"ref"`
}

// townCode matches a township-level 统计用区划代码. 国家统计局《统计用区划代码和
// 城乡划分代码编制规则》 builds the 12-digit code from the 6-digit county code
// (GB/T 2260), 3 digits for the township (乡、镇、街道 and units at that
// level) and 3 for the village; a town is named by its first 9 digits, so its
// code is the county's code followed by 3 digits, of which 000 is not a town.
var townCode = regexp.MustCompile(`^\d{9}$`)

// TownCodeProblem says in Chinese what is wrong with code as the code of a
// town in county, or returns "" when it is a well-formed code of that county.
// The registry and the plan loader both check towns with it.
func TownCodeProblem(county, code string) string {
	switch {
	case !townCode.MatchString(code):
		hint := ""
		if len(code) == 12 {
			hint = "；12位代码请去掉末3位村级代码"
		}
		return fmt.Sprintf("乡镇（街道）代码 %q 应为9位数字（县级代码6位 + 乡级3位，统计用区划代码）%s", code, hint)
	case code[:6] != county:
		return fmt.Sprintf("乡镇（街道）代码 %s 的前6位 %s 与所属县（市、区）代码 %s 不一致", code, code[:6], county)
	case code[6:] == "000":
		return fmt.Sprintf("乡镇（街道）代码 %s 的末3位为000，这是县级代码而不是乡镇代码", code)
	}
	return ""
}

// checkTowns checks the towns listed under each county: well-formed codes
// with the county's prefix, unique across the plan, a name and a ref (a town
// in a plan file must be one the plan text names).
func (c *checker) checkTowns(p *Plan) {
	seen := map[string]bool{}
	for i, co := range p.Counties {
		for j, t := range co.Towns {
			at := fmt.Sprintf("counties[%d].towns[%d]", i, j)
			if msg := TownCodeProblem(co.Code, t.Code); msg != "" {
				c.add(at+".code", "%s", msg)
			} else if seen[t.Code] {
				c.add(at+".code", "乡镇（街道）代码 %s 重复", t.Code)
			}
			seen[t.Code] = true
			if t.Name == "" {
				c.add(at+".name", "乡镇（街道）名称为空")
			}
			if t.Ref == "" {
				c.add(at+".ref", "ref is empty: say where the plan text names this town")
			}
		}
	}
}
