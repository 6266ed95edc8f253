package registry

import (
	"context"
	"slices"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
)

// filerFields are the registry fields an enterprise's own filer may change:
// its filing contact (name and phone) and the free-text note. Every other
// field is a fact the bureau counts with — land area is the 亩均
// denominator, the class and place decide where the firm is counted, 规上
// status and designations decide whether — so it is changed by the county
// (or park, or city) with its history, not by the firm itself.
var filerFields = []string{"contact_name", "contact_phone", "note"}

// checkFieldRights refuses a change set that a filer may not make. The rule
// lives in the service, so every caller (API, CLI, imports) obeys it.
func checkFieldRights(ctx context.Context, changes []Change) error {
	if access.From(ctx).Role != access.RoleEnterprise {
		return nil
	}
	for _, c := range changes {
		if !slices.Contains(filerFields, c.Field) {
			return filerForbidden(fieldLabel(c.Field))
		}
	}
	return nil
}

// forbidFiler refuses a registry write that only the county may make.
func forbidFiler(ctx context.Context, what string) error {
	if access.From(ctx).Role == access.RoleEnterprise {
		return filerForbidden(what)
	}
	return nil
}

func filerForbidden(what string) error {
	return apperr.New(apperr.Forbidden, "企业填报员不能修改%s：请联系所在县区（园区）管理员修改，修改会记入企业档案的变更记录；企业自己只能修改填报联系人、联系电话和备注", what)
}

// fieldLabel names a registry field for users.
func fieldLabel(field string) string {
	labels := map[string]string{
		"uscc": "统一社会信用代码", "name": "企业名称", "county_code": "所在县区", "park_code": "所在园区", "town_code": "所在乡镇",
		"industry_code": "行业分类", "cluster_code": "所属产业集群", "sub_sector_code": "所属细分领域", "cluster_override": "产业集群的人工指定",
		"land_mu": "用地面积", "established_on": "成立日期",
	}
	if l, ok := labels[field]; ok {
		return l
	}
	return "该字段"
}
