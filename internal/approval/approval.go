// Package approval is the bottom-up data approval of DHIS2 (anchors.md §1.1
// "Data approval"), per enterprise, dataset and period: the enterprise
// submits; its county (县区) or park (园区) approves or returns it with a
// reason; the city (市) accepts. Submitted, approved and accepted data is
// locked: CheckWritable refuses writes until the data is returned or a city
// administrator unlocks it with a reason. Every step is audited.
package approval

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
)

// Status is where a submission stands. No row means never submitted.
type Status string

const (
	Submitted Status = "submitted" // 已上报，待县区/园区审核
	Approved  Status = "approved"  // 县区/园区已审核，待市级确认
	Accepted  Status = "accepted"  // 市级已确认
	Returned  Status = "returned"  // 已退回企业修改
	Unlocked  Status = "unlocked"  // 市级已解锁，可修改后重新上报
)

// StatusNames are the statuses as users read them.
var StatusNames = map[Status]string{
	"":        "未上报",
	Submitted: "已上报待审核",
	Approved:  "县区/园区已审核",
	Accepted:  "市级已确认",
	Returned:  "已退回",
	Unlocked:  "已解锁",
}

// Locked reports whether data in this status may not be changed.
func (s Status) Locked() bool { return s == Submitted || s == Approved || s == Accepted }

// Key names one submission.
type Key struct {
	EnterpriseID int64  `json:"enterprise_id"`
	Dataset      string `json:"dataset"`
	Period       string `json:"period"`
}

func (k Key) String() string {
	return fmt.Sprintf("enterprise:%d/%s/%s", k.EnterpriseID, k.Dataset, k.Period)
}

// State is a submission's current status.
type State struct {
	Key
	EnterpriseName string `json:"enterprise_name"`
	Status         Status `json:"status"`
	StatusName     string `json:"status_name"`
	Reason         string `json:"reason,omitempty"`
	UpdatedBy      string `json:"updated_by,omitempty"`
	UpdatedAt      string `json:"updated_at,omitempty"`
}

// Service runs the workflow.
type Service struct {
	DB      *store.DB
	Catalog *stats.Catalog
	Now     func() time.Time
}

// New returns a service on the real clock.
func New(db *store.DB, cat *stats.Catalog) *Service {
	return &Service{DB: db, Catalog: cat, Now: time.Now}
}

// CheckWritable returns a Conflict error when the enterprise's dataset for
// period is submitted, approved or accepted. Imports and forms call it
// inside their transaction before saving values, so that locked data is
// never changed.
func CheckWritable(ctx context.Context, q store.Querier, enterpriseID int64, dataset, period string) error {
	st, err := status(ctx, q, Key{enterpriseID, dataset, period})
	if err != nil {
		return err
	}
	if st.Locked() {
		return apperr.New(apperr.Conflict, "企业 %d 的%s %s 数据%s，已锁定，不能修改；如需修改请由审核单位退回或由市级管理员解锁",
			enterpriseID, dataset, period, StatusNames[st])
	}
	return nil
}

func status(ctx context.Context, q store.Querier, k Key) (Status, error) {
	var st Status
	err := q.QueryRow(ctx, `SELECT status FROM approvals WHERE enterprise_id = ? AND dataset = ? AND period = ?`, k.EnterpriseID, k.Dataset, k.Period).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading approval status of %s: %w", k, err)
	}
	return st, nil
}

// check validates the key against the catalog: the dataset exists and the
// period has its period type.
func (s *Service) check(k Key) error {
	ds := s.Catalog.Dataset(k.Dataset)
	if ds == nil {
		return apperr.New(apperr.Invalid, "数据集 %q 不存在", k.Dataset)
	}
	p, err := stats.ParsePeriod(k.Period)
	if err != nil {
		return err
	}
	if p.Type != ds.PeriodType {
		return apperr.New(apperr.Invalid, "数据集 %s 按%s报送，期间 %s 不符", ds.Name, ds.PeriodType, k.Period)
	}
	return nil
}

// place loads an enterprise's location and name; a missing enterprise or one
// outside the caller's view scope is not found.
func place(ctx context.Context, q store.Querier, id int64) (access.Place, string, error) {
	pl := access.Place{EnterpriseID: id}
	var park sql.NullString
	var name string
	err := q.QueryRow(ctx, `SELECT county_code, park_code, name FROM enterprises WHERE id = ?`, id).Scan(&pl.County, &park, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return pl, "", apperr.New(apperr.NotFound, "企业不存在或无权查看")
	}
	if err != nil {
		return pl, "", fmt.Errorf("loading enterprise %d: %w", id, err)
	}
	pl.Park = park.String
	return pl, name, access.CanView(ctx, pl)
}
