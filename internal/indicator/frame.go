package indicator

import (
	"time"

	"mfgplan/internal/stats"
)

// Firm is one enterprise as a formula sees it in a period: where it is,
// whether it is 规上 that year, its dated tags and its values.
type Firm struct {
	ID         int64
	Name       string
	County     string
	Park       string
	Cluster    string
	SubSector  string
	Industry   string
	Nodes      []string // industrial-chain nodes it is linked to
	AboveScale bool
	Tags       []Tag
	// vals and has hold the frame's values by slot (Frame.Slots): slices,
	// not a map, as formulas read them hundreds of millions of times.
	vals []float64
	has  []bool
}

// Reset empties the enterprise's values for a frame of n slots.
func (f *Firm) Reset(n int) {
	if cap(f.vals) < n {
		f.vals, f.has = make([]float64, n), make([]bool, n)
		return
	}
	f.vals, f.has = f.vals[:n], f.has[:n]
	clear(f.vals)
	clear(f.has)
}

// Set stores the enterprise's value in a slot.
func (f *Firm) Set(slot int, v float64) { f.vals[slot], f.has[slot] = v, true }

// Blank is a copy of the enterprise (place, tags, 规上) with no values in
// n slots: the approved basis fills it with the approved values only.
func (f *Firm) Blank(n int) *Firm {
	cp := *f
	cp.vals, cp.has = make([]float64, n), make([]bool, n)
	return &cp
}

// value is the enterprise's value in a slot, and whether it was reported.
func (f *Firm) value(slot int) (float64, bool) {
	if slot < 0 || !f.has[slot] {
		return 0, false
	}
	return f.vals[slot], true
}

// Tag is a dated designation of an enterprise (专精特新, 绿色工厂 …).
type Tag struct {
	Tag, Level, From, To string
}

// Frame is every enterprise with its values for one period. Monthly periods
// carry the 1–N月累计 values as reported; a year carries the yearly report,
// or December's 累计 where no yearly figure was reported.
type Frame struct {
	Period stats.Period
	AsOf   string // the period's last day, YYYY-MM-DD
	Firms  []*Firm
	Slots  map[string]int // element code → slot in the firms' values
}

// NewFrame is the frame of period p over firms whose values sit in slots.
func NewFrame(p stats.Period, firms []*Firm, slots map[string]int) *Frame {
	return &Frame{Period: p, AsOf: PeriodEnd(p), Firms: firms, Slots: slots}
}

// slot is an element's slot in the frame, -1 when it was not loaded.
func (fr *Frame) slot(element string) int {
	if i, ok := fr.Slots[element]; ok {
		return i
	}
	return -1
}

// PeriodEnd is the last day of a period (as-of date for tags).
func PeriodEnd(p stats.Period) string {
	month := 12
	switch p.Type {
	case stats.Monthly:
		month = p.Index
	case stats.Quarterly:
		month = p.Index * 3
	}
	end := time.Date(p.Year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC)
	return end.Format("2006-01-02")
}
