// Package collect is how enterprise figures get into the store and out
// again: xlsx templates generated from the catalog, imports of xlsx and CSV
// files with cell-precise checks and the validation rules, exports in the
// template's layout, the bulk JSON API and the import history. Every method
// acts for the principal in its context: templates list the enterprises it
// may fill, imports refuse enterprises outside its scope.
package collect

import (
	"fmt"
	"log/slog"

	"mfgplan/internal/apperr"
	"mfgplan/internal/stats"
	"mfgplan/internal/store"
	"mfgplan/internal/xlsx"
)

// Config is what a Service needs.
type Config struct {
	DB      *store.DB
	Catalog *stats.Catalog
	Rules   *stats.Rules
	// FirstYear and LastYear bound the periods accepted: the plan's baseline
	// year (start−1) through its last year.
	FirstYear, LastYear int
	Limits              xlsx.Limits
	Log                 *slog.Logger
}

// Service imports and exports data values.
type Service struct {
	db    *store.DB
	cat   *stats.Catalog
	rules *stats.Rules
	first int
	last  int
	lim   xlsx.Limits
	log   *slog.Logger
}

// New builds the service.
func New(c Config) *Service {
	if c.Log == nil {
		c.Log = slog.Default()
	}
	return &Service{db: c.DB, cat: c.Catalog, rules: c.Rules, first: c.FirstYear, last: c.LastYear, lim: c.Limits, log: c.Log}
}

// dataset returns the named dataset or an Invalid error listing the known ones.
func (s *Service) dataset(code string) (*stats.Dataset, error) {
	if ds := s.cat.Dataset(code); ds != nil {
		return ds, nil
	}
	known := ""
	for _, d := range s.cat.Datasets {
		known += " " + d.Code + "（" + d.Name + "）"
	}
	return nil, apperr.New(apperr.Invalid, "数据集 %q 不存在，可用的有：%s", code, known)
}

// period parses id and checks that it suits the dataset and lies inside the
// plan's years.
func (s *Service) period(ds *stats.Dataset, id string) (stats.Period, error) {
	return s.periodOf(ds.PeriodType, "数据集「"+ds.Name+"」", id)
}

// periodOf parses id and checks it against a period type (of a dataset or
// an element, named by what) and the plan's years.
func (s *Service) periodOf(t stats.PeriodType, what, id string) (stats.Period, error) {
	p, err := stats.ParsePeriod(id)
	if err != nil {
		return p, err
	}
	if p.Type != t {
		return p, apperr.New(apperr.Invalid, "报告期 %s 与%s的报告周期（%s）不符", id, what, periodTypeLabel(t))
	}
	if p.Year < s.first || p.Year > s.last {
		return p, apperr.New(apperr.Invalid, "报告期 %s 不在规划期内（%d–%d 年，含基期年）", id, s.first, s.last)
	}
	return p, nil
}

func periodTypeLabel(t stats.PeriodType) string {
	switch t {
	case stats.Monthly:
		return "月报，如 2024-06"
	case stats.Quarterly:
		return "季报，如 2024Q2"
	}
	return "年报，如 2024"
}

// datasetForPeriod picks the dataset when only the period is known: the one
// dataset of that period type, if there is exactly one.
func (s *Service) datasetForPeriod(id string) (*stats.Dataset, error) {
	p, err := stats.ParsePeriod(id)
	if err != nil {
		return nil, err
	}
	var found *stats.Dataset
	for i := range s.cat.Datasets {
		if s.cat.Datasets[i].PeriodType == p.Type {
			if found != nil {
				return nil, apperr.New(apperr.Invalid, "报告期 %s 对应多个数据集，请指定数据集", id)
			}
			found = &s.cat.Datasets[i]
		}
	}
	if found == nil {
		return nil, apperr.New(apperr.Invalid, "没有报告周期与 %s 相符的数据集", id)
	}
	return found, nil
}

// resolve decides dataset and period from what the caller gave and what the
// file says; both present and different is an error.
func (s *Service) resolve(dsCode, periodID, fileDS, filePeriod string) (*stats.Dataset, stats.Period, error) {
	if dsCode != "" && fileDS != "" && dsCode != fileDS {
		return nil, stats.Period{}, apperr.New(apperr.Invalid, "文件中的数据集为 %s，与指定的 %s 不一致", fileDS, dsCode)
	}
	if periodID != "" && filePeriod != "" && periodID != filePeriod {
		return nil, stats.Period{}, apperr.New(apperr.Invalid, "文件中的报告期为 %s，与指定的 %s 不一致", filePeriod, periodID)
	}
	dsCode, periodID = firstNonEmpty(dsCode, fileDS), firstNonEmpty(periodID, filePeriod)
	if periodID == "" {
		return nil, stats.Period{}, apperr.New(apperr.Invalid, "未指定报告期：请用 --period 指定（xlsx 模板的「填报说明」表中已写明）")
	}
	var ds *stats.Dataset
	var err error
	if dsCode == "" {
		ds, err = s.datasetForPeriod(periodID)
	} else {
		ds, err = s.dataset(dsCode)
	}
	if err != nil {
		return nil, stats.Period{}, err
	}
	p, err := s.period(ds, periodID)
	return ds, p, err
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// must wraps an unexpected error with what was being done.
func must(err error, doing string) error {
	if err == nil {
		return nil
	}
	if _, ok := apperr.As(err); ok {
		return err
	}
	return fmt.Errorf("%s: %w", doing, err)
}
