package mujun

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
)

// EntryPage is one page of a run's ranking.
type EntryPage struct {
	Run    Run     `json:"run"`
	Items  []Entry `json:"items"`
	Total  int     `json:"total"`
	Limit  int     `json:"limit"`
	Offset int     `json:"offset"`
	Unit   string  `json:"unit"`
	Period string  `json:"period"`
}

// scoreUnit and the period accompany every response carrying scores.
const scoreUnit = "分；输入金额单位万元，用地单位亩，能耗单位吨标准煤"

// Entries lists a run's entries the caller may see, ranked, filtered and paged.
func (s *Service) Entries(ctx context.Context, runID int64, f EntryFilter) (EntryPage, error) {
	run, err := s.GetRun(ctx, runID)
	if err != nil {
		return EntryPage{}, err
	}
	items, total, err := scopedEntries(ctx, s.DB, runID, f)
	if err != nil {
		return EntryPage{}, err
	}
	if items == nil {
		items = []Entry{}
	}
	return EntryPage{Run: run, Items: items, Total: total, Limit: f.Limit, Offset: f.Offset, Unit: scoreUnit, Period: strconv.Itoa(run.Year)}, nil
}

// storedMethod reads the exact method a run used.
func (s *Service) storedMethod(ctx context.Context, hash string) (*LoadedMethod, error) {
	var content string
	err := s.DB.QueryRow(ctx, `SELECT content FROM mujun_methods WHERE hash = ?`, hash).Scan(&content)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.New(apperr.NotFound, "评价方法 %s 未存档", hash)
	}
	if err != nil {
		return nil, fmt.Errorf("reading method %s: %w", hash, err)
	}
	return ParseMethod("method:"+hash[:12], []byte(content))
}

// CardItem is one indicator on a firm's report card.
type CardItem struct {
	Code          string   `json:"code"`
	Name          string   `json:"name"`
	Unit          string   `json:"unit"`
	Weight        float64  `json:"weight"`
	Value         *float64 `json:"value"`
	Benchmark     float64  `json:"benchmark"`
	Score         float64  `json:"score"`
	Note          string   `json:"note,omitempty"`
	CountyAverage *float64 `json:"county_average"`
	ParkAverage   *float64 `json:"park_average"`
}

// ClassHistory is a firm's class in one year's run of the same method.
type ClassHistory struct {
	Year     int     `json:"year"`
	RunID    int64   `json:"run_id"`
	Version  int     `json:"version"`
	Status   string  `json:"status"`
	Class    string  `json:"class"`
	Total    float64 `json:"total"`
	RankCity int     `json:"rank_city"`
}

// ReportCard is everything a firm sees about its evaluation.
type ReportCard struct {
	Run        Run            `json:"run"`
	MethodName string         `json:"method_name"`
	Entry      Entry          `json:"entry"`
	Items      []CardItem     `json:"items"`
	History    []ClassHistory `json:"history"`
	Period     string         `json:"period"`
	Note       string         `json:"note"`
}

// ReportCard returns one firm's card: every indicator against its benchmark
// and the county and park averages (Σ numerator ÷ Σ denominator of the
// graded firms there), and its class in each year's run of the method.
func (s *Service) ReportCard(ctx context.Context, runID, enterpriseID int64) (ReportCard, error) {
	run, err := s.GetRun(ctx, runID)
	if err != nil {
		return ReportCard{}, err
	}
	e, err := s.entry(ctx, runID, enterpriseID)
	if err != nil {
		return ReportCard{}, err
	}
	lm, err := s.storedMethod(ctx, run.MethodHash)
	if err != nil {
		return ReportCard{}, err
	}
	county, err := s.peers(ctx, runID, "county_code", e.County)
	if err != nil {
		return ReportCard{}, err
	}
	park, err := s.peers(ctx, runID, "park_code", e.Park)
	if err != nil {
		return ReportCard{}, err
	}
	hist, err := s.classHistory(ctx, run, enterpriseID)
	if err != nil {
		return ReportCard{}, err
	}
	card := ReportCard{Run: run, MethodName: lm.Method.Name, Entry: e, History: hist, Period: strconv.Itoa(run.Year),
		Note: "县区、园区平均值为该范围内参评企业的 Σ分子÷Σ分母"}
	for k, ind := range lm.Method.AllIndicators() {
		ci := CardItem{Code: ind.Code, Name: ind.Name, Unit: ind.Unit, Weight: ind.Weight,
			CountyAverage: average(&ind, county), ParkAverage: average(&ind, park)}
		if k < len(e.Items) {
			it := e.Items[k]
			ci.Benchmark, ci.Score, ci.Note = it.Benchmark, it.Score, e.ItemNote(k)
			if !it.Missing {
				v := it.Value
				ci.Value = &v
			}
		}
		card.Items = append(card.Items, ci)
	}
	return card, nil
}

// visiblePlace returns where an enterprise is, for access checks; an
// unknown enterprise and one the caller may not see are both not found, so
// that existence does not leak.
func (s *Service) visiblePlace(ctx context.Context, id int64) (access.Place, error) {
	pl := access.Place{EnterpriseID: id}
	err := s.DB.QueryRow(ctx, `SELECT county_code, COALESCE(park_code, '') FROM enterprises WHERE id = ?`, id).Scan(&pl.County, &pl.Park)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return pl, fmt.Errorf("reading enterprise %d: %w", id, err)
	}
	if err != nil || access.CanView(ctx, pl) != nil {
		return pl, apperr.New(apperr.NotFound, "企业 %d 不存在或无权查看", id)
	}
	return pl, nil
}

// entry reads one firm's entry of a run, if the caller may see the firm.
func (s *Service) entry(ctx context.Context, runID, enterpriseID int64) (Entry, error) {
	if _, err := s.visiblePlace(ctx, enterpriseID); err != nil {
		return Entry{}, err
	}
	var data string
	err := s.DB.QueryRow(ctx, `SELECT data FROM mujun_entries WHERE run_id = ? AND enterprise_id = ?`, runID, enterpriseID).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return Entry{}, apperr.New(apperr.NotFound, "企业 %d 不在评价批次 %d 中", enterpriseID, runID)
	}
	if err != nil {
		return Entry{}, fmt.Errorf("reading entry of enterprise %d in run %d: %w", enterpriseID, runID, err)
	}
	var e Entry
	if err := json.Unmarshal([]byte(data), &e); err != nil {
		return Entry{}, fmt.Errorf("decoding entry of enterprise %d in run %d: %w", enterpriseID, runID, err)
	}
	return e, nil
}

// peers reads the inputs of the graded firms of a county or park in a run.
// Only their aggregate is shown (an average), so no scope applies here.
func (s *Service) peers(ctx context.Context, runID int64, column, value string) ([]Values, error) {
	if value == "" {
		return nil, nil
	}
	rows, err := s.DB.Query(ctx, `SELECT data FROM mujun_entries WHERE run_id = ? AND rank_city > 0 AND `+column+` = ?`, runID, value)
	if err != nil {
		return nil, fmt.Errorf("reading peers in %s %s: %w", column, value, err)
	}
	defer rows.Close()
	var out []Values
	for rows.Next() {
		var data string
		var e struct {
			Inputs Values `json:"inputs"`
		}
		if err := rows.Scan(&data); err != nil {
			return nil, fmt.Errorf("reading peers in %s %s: %w", column, value, err)
		}
		if err := json.Unmarshal([]byte(data), &e); err != nil {
			return nil, fmt.Errorf("decoding peers in %s %s: %w", column, value, err)
		}
		out = append(out, e.Inputs)
	}
	return out, rows.Err()
}

// average is Σ numerator ÷ Σ denominator of an indicator over firms, or nil.
func average(ind *Indicator, firms []Values) *float64 {
	ptrs := make([]*Firm, len(firms))
	for i := range firms {
		ptrs[i] = &Firm{Values: firms[i]}
	}
	v, n := aggregateRatio(ind, ptrs)
	if n == 0 {
		return nil
	}
	v = round6(v)
	return &v
}

// classHistory lists the firm's class in the published run of every year
// of the method, and in the run being viewed.
func (s *Service) classHistory(ctx context.Context, run Run, enterpriseID int64) ([]ClassHistory, error) {
	rows, err := s.DB.Query(ctx, `SELECT r.year, r.id, r.version, r.status, x.class, x.total, x.rank_city
		FROM mujun_entries x JOIN mujun_runs r ON r.id = x.run_id
		WHERE x.enterprise_id = ? AND r.method_id = ? AND (r.status = 'published' OR r.id = ?)
		ORDER BY r.year, r.version`, enterpriseID, run.MethodID, run.ID)
	if err != nil {
		return nil, fmt.Errorf("reading class history of enterprise %d: %w", enterpriseID, err)
	}
	defer rows.Close()
	out := []ClassHistory{}
	for rows.Next() {
		var h ClassHistory
		if err := rows.Scan(&h.Year, &h.RunID, &h.Version, &h.Status, &h.Class, &h.Total, &h.RankCity); err != nil {
			return nil, fmt.Errorf("reading class history of enterprise %d: %w", enterpriseID, err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
