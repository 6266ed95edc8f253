// Package cycle is the monthly loop as the people in it see it: when each
// report is due (the filing calendar), where every firm's report of a
// period stands (未填报 → 已导入 → 已上报 → 审核通过 → 已确认, or 已退回), the
// 报送进度 counts by county, park and dataset, and the 催报 reminders sent to
// firms that have not filed. It owns the tables filing_due and reminders and
// reads the others through their owners: the registry's roster, the
// approval workflow's states and the stored values' presence (stats).
package cycle

import (
	"bytes"
	"io"
	"time"

	"mfgplan/internal/approval"
	"mfgplan/internal/collect"
	"mfgplan/internal/registry"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// China is the time zone of the bureau's calendar (UTC+8, no daylight
// saving): a report due on the 8th is overdue from the 9th in Dazhou,
// whatever the server's zone.
var China = time.FixedZone("CST", 8*3600)

// Config is what the service needs.
type Config struct {
	DB        *store.DB
	Catalog   *stats.Catalog
	Registry  *registry.Service
	Approvals *approval.Service
	Collect   *collect.Service
	// FirstYear and LastYear bound the periods offered: the plan's years
	// (the imports accept no other).
	FirstYear, LastYear int
	// CityName signs the city's 催报单 (the plan's region, 达州市).
	CityName string
	Now      func() time.Time
}

// Service answers the filing calendar, 报送进度 and 催报.
type Service struct {
	db          *store.DB
	cat         *stats.Catalog
	reg         *registry.Service
	approvals   *approval.Service
	collect     *collect.Service
	first, last int
	city        string
	now         func() time.Time
	defaults    map[string]Due
}

// New builds the service; it fails when calendar.yaml does not cover the
// catalog's datasets.
func New(c Config) (*Service, error) {
	defaults, err := loadDefaults(c.Catalog)
	if err != nil {
		return nil, err
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return &Service{db: c.DB, cat: c.Catalog, reg: c.Registry, approvals: c.Approvals, collect: c.Collect, first: c.FirstYear, last: c.LastYear, city: c.CityName, now: c.Now, defaults: defaults}, nil
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }
