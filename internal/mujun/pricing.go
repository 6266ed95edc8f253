package mujun

import (
	"context"
	"fmt"
	"strconv"
)

// PricingRow is one firm on a utility's list.
type PricingRow struct {
	EnterpriseID     int64    `json:"enterprise_id"`
	Name             string   `json:"name"`
	USCC             string   `json:"uscc"`
	County           string   `json:"county"`
	Class            string   `json:"class"`
	ConsecutiveYears int      `json:"consecutive_years"`
	Amount           *float64 `json:"amount"`
	Unit             string   `json:"unit"`
	Note             string   `json:"note,omitempty"`
	Source           string   `json:"source"`
}

// ResourceList is the list for one resource (one utility).
type ResourceList struct {
	Resource string       `json:"resource"`
	Name     string       `json:"name"`
	Unit     string       `json:"unit"`
	Rows     []PricingRow `json:"rows"`
}

// PricingList is every resource list of a jurisdiction for a year.
type PricingList struct {
	Year             int            `json:"year"`
	Jurisdiction     string         `json:"jurisdiction"`
	JurisdictionName string         `json:"jurisdiction_name"`
	Run              Run            `json:"run"`
	AsOf             string         `json:"as_of"`
	Lists            []ResourceList `json:"lists"`
	Period           string         `json:"period"`
}

// Pricing lists, per resource, the firms of the published run of a year
// whose class carries a surcharge rule in the jurisdiction, with the number
// of consecutive years they have been in that class (counted back through the
// published runs of earlier years) and the tier that applies. Rules in force
// by the end of the following year count: lists are applied in the year after
// the evaluation.
func (s *Service) Pricing(ctx context.Context, year int, methodID, jurisdiction string) (PricingList, error) {
	resources, err := s.Rules.resourcesOf(jurisdiction)
	if err != nil {
		return PricingList{}, err
	}
	run, err := s.PublishedRun(ctx, year, methodID)
	if err != nil {
		return PricingList{}, err
	}
	entries, _, err := scopedEntries(ctx, s.DB, run.ID, EntryFilter{})
	if err != nil {
		return PricingList{}, err
	}
	past, err := s.publishedClasses(ctx, methodID, year)
	if err != nil {
		return PricingList{}, err
	}
	out := PricingList{Year: year, Jurisdiction: jurisdiction, JurisdictionName: s.Rules.Jurisdictions[jurisdiction], Run: run,
		AsOf: fmt.Sprintf("%d-12-31", year+1), Period: strconv.Itoa(year)}
	for _, res := range resources {
		out.Lists = append(out.Lists, s.resourceList(res, jurisdiction, out.AsOf, year, entries, past))
	}
	return out, nil
}

func (s *Service) resourceList(res, jurisdiction, asOf string, year int, entries []Entry, past map[int]map[int64]string) ResourceList {
	info := s.Rules.Resources[res]
	l := ResourceList{Resource: res, Name: info.Name, Unit: info.Unit, Rows: []PricingRow{}}
	for i := range entries {
		e := &entries[i]
		years := consecutive(e.EnterpriseID, e.Class, year, past)
		rule, ok := s.Rules.tier(jurisdiction, res, e.Class, years, asOf)
		if !ok {
			continue
		}
		row := PricingRow{EnterpriseID: e.EnterpriseID, Name: e.Name, USCC: e.USCC, County: e.County, Class: e.Class,
			ConsecutiveYears: years, Amount: rule.Amount, Unit: info.Unit, Source: rule.Source}
		if rule.Amount == nil {
			row.Note = "加价标准尚未设定，名单仅列类别"
		}
		l.Rows = append(l.Rows, row)
	}
	return l
}

// consecutive counts the years up to year in which the firm had class,
// the evaluated year included (its class there is class by construction).
func consecutive(id int64, class string, year int, past map[int]map[int64]string) int {
	n := 1
	for y := year - 1; past[y][id] == class; y-- {
		n++
	}
	return n
}

// publishedClasses reads every firm's class in the published runs of a
// method before a year, by year.
func (s *Service) publishedClasses(ctx context.Context, methodID string, before int) (map[int]map[int64]string, error) {
	rows, err := s.DB.Query(ctx, `SELECT r.year, x.enterprise_id, x.class FROM mujun_entries x JOIN mujun_runs r ON r.id = x.run_id
		WHERE r.method_id = ? AND r.status = 'published' AND r.year < ?`, methodID, before)
	if err != nil {
		return nil, fmt.Errorf("reading earlier published classes of %s: %w", methodID, err)
	}
	defer rows.Close()
	out := map[int]map[int64]string{}
	for rows.Next() {
		var y int
		var id int64
		var c string
		if err := rows.Scan(&y, &id, &c); err != nil {
			return nil, fmt.Errorf("reading earlier published classes of %s: %w", methodID, err)
		}
		if out[y] == nil {
			out[y] = map[int64]string{}
		}
		out[y][id] = c
	}
	return out, rows.Err()
}
