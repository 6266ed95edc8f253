package registry_test

import (
	"context"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/registry"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

// TestFilerEditsOnlyItsContacts: an enterprise's own filer may write its
// filing contact and note but none of the facts the bureau counts with —
// land area (the 亩均 denominator), class, place, 规上 status, designations,
// chain nodes; those go through the county, with history. The county user
// may change them.
func TestFilerEditsOnlyItsContacts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, svc := registrytest.Setup(t, db)
		in := input(1)
		land := 26.0
		in.LandMu = &land
		e, err := svc.Create(sys, in, "test")
		if err != nil {
			t.Fatal(err)
		}
		filer := access.With(context.Background(), access.Principal{User: "filer", Role: access.RoleEnterprise,
			View: access.Scope{Enterprises: []int64{e.ID}}, Enter: access.Scope{Enterprises: []int64{e.ID}}})
		county := access.With(context.Background(), access.Principal{User: "xh", Role: access.RoleCounty,
			View: access.Scope{Counties: []string{"511722"}}, Enter: access.Scope{Counties: []string{"511722"}}})
		tiny := 0.01
		update := func(in registry.Input) func(ctx context.Context) error {
			return func(ctx context.Context) error { _, err := svc.Update(ctx, e.ID, in, "api"); return err }
		}
		forbidden := []struct {
			name string
			call func(ctx context.Context) error
		}{
			{"land area", update(registry.Input{LandMu: &tiny})},
			{"industry class", update(registry.Input{Industry: str("3841")})},
			{"county", update(registry.Input{County: str("511724"), Park: str("")})},
			{"park", update(registry.Input{Park: str("")})},
			{"name", update(registry.Input{Name: str("另一家有限公司")})},
			{"cluster by hand", update(registry.Input{Cluster: str("new_materials")})},
			{"规上 status", func(ctx context.Context) error { return svc.SetAboveScale(ctx, e.ID, 2024, true, "api") }},
			{"designation", func(ctx context.Context) error {
				_, err := svc.AddTag(ctx, e.ID, registry.Tag{Tag: "cloud", ValidFrom: "2021-01-01"}, "api")
				return err
			}},
			{"chain node", func(ctx context.Context) error {
				_, err := svc.SetNode(ctx, e.ID, "brine", registry.LinkNode, "api")
				return err
			}},
		}
		for _, tc := range forbidden {
			t.Run("filer may not change the "+tc.name, func(t *testing.T) {
				if err := tc.call(filer); apperr.CodeOf(err) != apperr.Forbidden {
					t.Errorf("filer: %v, want forbidden", err)
				}
			})
		}
		if got, err := svc.Get(sys, e.ID); err != nil || got.LandMu == nil || *got.LandMu != 26 || got.Industry != "2614" || got.Park != "puguang_etdz" {
			t.Errorf("after the filer's attempts: %+v, %v", got, err)
		}
		if err := update(registry.Input{ContactName: str("张三"), ContactPhone: str("0818-2123456"), Note: str("财务部")})(filer); err != nil {
			t.Errorf("filer editing its contact and note: %v", err)
		}
		if err := update(registry.Input{LandMu: &tiny})(county); err != nil {
			t.Errorf("county user correcting the land area: %v", err)
		}
		hist, err := svc.History(sys, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		by := map[string]bool{}
		for _, c := range hist {
			by[c.Field+" by "+c.Actor] = true
		}
		if !by["contact_phone by filer"] || !by["note by filer"] || !by["land_mu by xh"] || by["land_mu by filer"] {
			t.Errorf("history: %v, want the contact and note by filer and the land area by xh only", by)
		}
	})
}

// TestRegistrationDoesNotTellWhichFirmsExist: registering in a county
// outside the caller's entry scope is refused alike whether or not the
// USCC is already registered there (409 against 403 told a county user
// which firms another county has).
func TestRegistrationDoesNotTellWhichFirmsExist(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, svc := registrytest.Setup(t, db)
		there := input(1)
		if _, err := svc.Create(sys, there, "test"); err != nil {
			t.Fatal(err)
		}
		dazhu := access.With(context.Background(), access.Principal{User: "dz", Role: access.RoleCounty,
			View: access.Scope{Counties: []string{"511724"}}, Enter: access.Scope{Counties: []string{"511724"}}})
		notThere := input(2)
		_, existing := svc.Create(dazhu, there, "api")
		_, absent := svc.Create(dazhu, notThere, "api")
		if apperr.CodeOf(existing) != apperr.Forbidden || apperr.CodeOf(absent) != apperr.Forbidden || existing.Error() != absent.Error() {
			t.Errorf("registering in 宣汉县 as a 大竹县 user: a registered USCC answers %v, an unregistered one %v; want the same refusal", existing, absent)
		}
	})
}
