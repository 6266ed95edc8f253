package httpapi_test

import (
	"testing"

	"mfgplan/internal/httpapi"
	"mfgplan/internal/registry/registrytest"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// wireServices gives the access-matrix server every domain service the
// platform serves, so that every route in Server.Routes() can be called.
// Each service that adds routes adds its construction here.
func wireServices(t *testing.T, db *store.DB, d *httpapi.Deps) {
	t.Helper()
	_, reg := registrytest.Setup(t, db)
	d.Registry = httpapi.RegistryDeps{Enterprises: reg, Regions: stats.NewRegionValues(db, d.Catalog)}
}
