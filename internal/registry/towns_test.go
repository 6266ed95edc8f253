package registry_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/registry"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// as returns a context acting as a user of role scoped to one county (or to
// a park for RolePark).
func as(role access.Role, place string) context.Context {
	sc := access.Scope{Counties: []string{place}}
	if role == access.RolePark {
		sc = access.Scope{Parks: []string{place}}
	}
	return access.With(context.Background(), access.Principal{User: string(role) + place, Role: role, View: sc, Enter: sc})
}

func town(county, code, name string) registry.TownInput {
	return registry.TownInput{County: county, Code: code, Name: name}
}

func TestAddTownChecksCodeCountyAndScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, svc := registrytest.Setup(t, db)
		if _, err := svc.AddTown(sys, town("511722", "511722100", "甲镇")); err != nil {
			t.Fatalf("first town: %v", err)
		}
		xuanhan := as(access.RoleCounty, "511722")
		tests := []struct {
			name    string
			ctx     context.Context
			in      registry.TownInput
			want    apperr.Code // "" = added
			wantMsg string
		}{
			{"county admin in its county", xuanhan, town("511722", "511722101", "乙镇"), "", ""},
			{"street code range", sys, town("511722", "511722001", "丙街道"), "", ""},
			{"prefix of another county", sys, town("511722", "511725100", "丁镇"), apperr.Invalid, "前6位 511725 与所属县（市、区）代码 511722 不一致"},
			{"eight digits", sys, town("511722", "51172210", "丁镇"), apperr.Invalid, "应为9位数字"},
			{"twelve digits", sys, town("511722", "511722102000", "丁镇"), apperr.Invalid, "去掉末3位"},
			{"letters", sys, town("511722", "51172210x", "丁镇"), apperr.Invalid, "应为9位数字"},
			{"county code padded", sys, town("511722", "511722000", "丁镇"), apperr.Invalid, "末3位为000"},
			{"duplicate code", sys, town("511722", "511722100", "丁镇"), apperr.Conflict, "代码 511722100 已存在"},
			{"duplicate name in the county", sys, town("511722", "511722103", "甲镇"), apperr.Conflict, "已有名为 甲镇"},
			{"unknown county", sys, town("511799", "511799100", "丁镇"), apperr.Invalid, "511799\" 不存在"},
			{"the city is not a county", sys, town("511700", "511700100", "丁镇"), apperr.Invalid, "不存在"},
			{"empty name", sys, town("511722", "511722104", " "), apperr.Invalid, "名称不能为空"},
			{"county admin in another county", xuanhan, town("511725", "511725100", "戊镇"), apperr.Forbidden, "本县"},
			{"leader", as(access.RoleLeader, "511722"), town("511722", "511722105", "己镇"), apperr.Forbidden, ""},
			{"park admin", as(access.RolePark, "puguang_etdz"), town("511722", "511722106", "庚镇"), apperr.Forbidden, ""},
			{"no principal", context.Background(), town("511722", "511722107", "辛镇"), apperr.Forbidden, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				u, err := svc.AddTown(tt.ctx, tt.in)
				if apperr.CodeOf(err) != tt.want && !(tt.want == "" && err == nil) {
					t.Fatalf("error %v, want code %q", err, tt.want)
				}
				if err != nil && !strings.Contains(err.Error(), tt.wantMsg) {
					t.Errorf("message %q lacks %q", err, tt.wantMsg)
				}
				if err == nil && (u.Level != "town" || u.Source != "user" || u.Parent != tt.in.County) {
					t.Errorf("added %+v", u)
				}
			})
		}
		if n := auditCount(t, db, registry.ActionTownCreate); n != 3 {
			t.Errorf("%d audit entries for added towns, want 3", n)
		}
	})
}

// townWorld is the Dazhou registry with 甲镇 (511722100) in 宣汉县 and 乙镇
// (511725100) in 渠县, and one enterprise in 甲镇, whose id it returns.
func townWorld(t *testing.T, db *store.DB) (*registry.Service, int64) {
	t.Helper()
	_, svc := registrytest.Setup(t, db)
	for _, in := range []registry.TownInput{town("511722", "511722100", "甲镇"), town("511725", "511725100", "乙镇")} {
		if _, err := svc.AddTown(sys, in); err != nil {
			t.Fatal(err)
		}
	}
	in := input(1)
	in.Town = str("511722100")
	e, err := svc.Create(sys, in, "test")
	if err != nil {
		t.Fatal(err)
	}
	return svc, e.ID
}

func auditCount(t *testing.T, db *store.DB, action string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM audit_log WHERE action = ?`, action).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestTownsAreVisibleInTheirCountysScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc, _ := townWorld(t, db)
		tests := []struct {
			name   string
			ctx    context.Context
			parent string
			want   []string // towns listed
			err    apperr.Code
		}{
			{"city sees every town", sys, "", []string{"511722100", "511725100"}, ""},
			{"county admin sees its towns", as(access.RoleCounty, "511722"), "", []string{"511722100"}, ""},
			{"county admin lists its county", as(access.RoleCounty, "511722"), "511722", []string{"511722100"}, ""},
			{"another county's towns do not exist", as(access.RoleCounty, "511722"), "511725", nil, apperr.NotFound},
			{"nor does one as a parent", as(access.RoleCounty, "511722"), "511725100", nil, apperr.NotFound},
			{"its own town as a parent", as(access.RoleCounty, "511722"), "511722100", nil, ""},
			{"park admin sees no towns", as(access.RolePark, "puguang_etdz"), "", nil, ""},
			{"unknown parent", sys, "519999", nil, apperr.NotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				units, err := svc.OrgUnits(tt.ctx, tt.parent)
				if apperr.CodeOf(err) != tt.err && !(tt.err == "" && err == nil) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				var towns []string
				for _, u := range units {
					if u.Level == "town" {
						towns = append(towns, u.Code)
					}
					if u.Code == "511722100" && u.Enterprises != 1 {
						t.Errorf("town 511722100 counts %d enterprises, want 1", u.Enterprises)
					}
				}
				if !slices.Equal(towns, tt.want) {
					t.Errorf("towns %v, want %v", towns, tt.want)
				}
			})
		}
	})
}

func TestEnterpriseTown(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc, _ := townWorld(t, db)
		tests := []struct {
			name string
			town string
			want apperr.Code
		}{
			{"town of its county", "511722100", ""},
			{"no town", "", ""},
			{"town of another county", "511725100", apperr.Invalid},
			{"unknown town", "511722199", apperr.Invalid},
			{"a county is not a town", "511722", apperr.Invalid},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				in := input(10 + i)
				in.Town = str(tt.town)
				e, err := svc.Create(sys, in, "test")
				if apperr.CodeOf(err) != tt.want && !(tt.want == "" && err == nil) {
					t.Fatalf("error %v, want %q", err, tt.want)
				}
				if err == nil && (e.Town != tt.town || tt.town != "" && e.TownName != "甲镇") {
					t.Errorf("town %q %q, want %q", e.Town, e.TownName, tt.town)
				}
			})
		}
		page, err := svc.List(sys, registry.Filter{Town: "511722100"})
		if err != nil || page.Total != 2 {
			t.Fatalf("list by town: %d (%v), want 2", page.Total, err)
		}
		id := page.Items[0].ID
		if _, err := svc.Update(sys, id, registry.Input{Town: str("")}, "api"); err != nil {
			t.Fatal(err)
		}
		hist, _ := svc.History(sys, id)
		if hist[0].Field != "town_code" || hist[0].Old == nil || *hist[0].Old != "511722100" || hist[0].New != nil {
			t.Errorf("latest change %+v, want town_code 511722100 → none", hist[0])
		}
	})
}

func TestDeleteTown(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc, id := townWorld(t, db)
		steps := []struct {
			name string
			ctx  context.Context
			code string
			want apperr.Code
			msg  string
		}{
			{"refused while an enterprise sits in it", sys, "511722100", apperr.Conflict, "1 家企业登记在此"},
			{"another county's town does not exist", as(access.RoleCounty, "511722"), "511725100", apperr.NotFound, ""},
			{"leader of the county may not", as(access.RoleLeader, "511725"), "511725100", apperr.Forbidden, ""},
			{"a county is not a town", sys, "511722", apperr.Invalid, "不是乡镇"},
			{"unknown", sys, "511722199", apperr.NotFound, ""},
			{"county admin deletes its unused town", as(access.RoleCounty, "511725"), "511725100", "", ""},
		}
		for _, st := range steps {
			err := svc.DeleteTown(st.ctx, st.code)
			if apperr.CodeOf(err) != st.want && !(st.want == "" && err == nil) || err != nil && !strings.Contains(err.Error(), st.msg) {
				t.Errorf("%s: error %v, want %q with %q", st.name, err, st.want, st.msg)
			}
		}
		if _, err := svc.Update(sys, id, registry.Input{Town: str("")}, "test"); err != nil {
			t.Fatal(err)
		}
		if err := svc.DeleteTown(sys, "511722100"); err != nil {
			t.Errorf("delete after the enterprise left: %v", err)
		}
		if n := auditCount(t, db, registry.ActionTownDelete); n != 2 {
			t.Errorf("%d audit entries for deleted towns, want 2", n)
		}
	})
}
