package mujun

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// shareEpsilon keeps 0.3 × 10 from rounding down to 2 through binary error.
const shareEpsilon = 1e-9

// rank orders the graded entries by total (ties by enterprise id, so the
// order is total) and sets competition ranks city-wide and per county: equal
// totals share a rank.
func rank(entries []Entry, graded []int) {
	sortByRank(entries, graded)
	type last struct {
		total    float64
		pos, rnk int
	}
	var city last
	county := map[string]*last{}
	for pos, i := range graded {
		e := &entries[i]
		city.pos++
		if pos == 0 || e.Total != city.total {
			city.rnk = city.pos
		}
		city.total, e.RankCity = e.Total, city.rnk
		c := county[e.County]
		if c == nil {
			c = &last{total: math.NaN()}
			county[e.County] = c
		}
		c.pos++
		if e.Total != c.total {
			c.rnk = c.pos
		}
		c.total, e.RankCounty = e.Total, c.rnk
	}
}

// sortByRank orders graded positions by total, descending, then by
// enterprise id. It sorts compact keys rather than the entries themselves,
// which keeps a nation-scale sort in cache.
func sortByRank(entries []Entry, graded []int) {
	type key struct {
		total float64
		id    int64
		i     int
	}
	keys := make([]key, len(graded))
	for j, i := range graded {
		keys[j] = key{entries[i].Total, entries[i].EnterpriseID, i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(b.total, a.total); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	for j := range keys {
		graded[j] = keys[j].i
	}
}

// allocate gives every graded entry its class within its group (the city,
// or each county), walking the group in rank order. graded must be in rank
// order (see rank).
func allocate(cl Classes, entries []Entry, graded []int) {
	names := cl.classNames()
	groups := map[string][]int{}
	var keys []string
	for _, i := range graded {
		k := cityRegion
		if cl.Group == "county" {
			k = entries[i].County
		}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], i)
	}
	for _, k := range keys {
		g := groups[k]
		cls := initialClasses(cl, entries, g)
		for _, c := range cl.Constraints {
			enforce(cls, indexOf(names, c.Class), c)
		}
		for pos, i := range g {
			entries[i].Class = names[cls[pos]]
		}
	}
}

// initialClasses returns class indexes (0 = best) by rank share or score line.
func initialClasses(cl Classes, entries []Entry, g []int) []int {
	cls := make([]int, len(g))
	n := float64(len(g))
	if cl.Rule == "rank_shares" {
		pos, cum := 0, 0.0
		for c, s := range cl.Shares {
			cum += s.Share
			end := int(math.Floor(cum*n + shareEpsilon))
			if c == len(cl.Shares)-1 {
				end = len(g)
			}
			for ; pos < end; pos++ {
				cls[pos] = c
			}
		}
		return cls
	}
	for pos, i := range g {
		for c, t := range cl.Thresholds {
			if entries[i].Total >= t.MinScore {
				cls[pos] = c
				break
			}
		}
	}
	return cls
}

// enforce applies one share constraint to a group's classes, which are
// non-decreasing in rank order. Over a maximum, the lowest-ranked firms of
// the class move down one class; under a minimum, the lowest-ranked firms of
// the better classes move down into it. Nobody is ever moved up.
func enforce(cls []int, c int, k ClassConstraint) {
	n := float64(len(cls))
	s, e := block(cls, c)
	if k.MaxShare != nil {
		limit := int(math.Floor(*k.MaxShare*n + shareEpsilon))
		for j := s + limit; j < e; j++ {
			cls[j] = c + 1
		}
		e = min(e, s+limit)
	}
	if k.MinShare != nil {
		need := int(math.Ceil(*k.MinShare*n - shareEpsilon))
		for j := s - 1; j >= 0 && e-s < need; j-- {
			cls[j] = c
			s = j
		}
	}
}

// block is the range [s, e) of positions in class c; when no firm is in c,
// s = e = the position where c would start.
func block(cls []int, c int) (int, int) {
	s := sort.SearchInts(cls, c)
	e := sort.SearchInts(cls, c+1)
	return s, e
}

func indexOf(names []string, s string) int {
	for i, n := range names {
		if n == s {
			return i
		}
	}
	return -1
}
