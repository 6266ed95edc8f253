package indicator

import (
	"strings"
)

// unitKey names an aggregation unit: an org unit (the city, a county or a
// park) and a group within it ("" for all enterprises, "cluster:X" or "sub:Y").
type unitKey struct {
	Org   string
	Group string
}

// Group prefixes of unitKey.Group.
const (
	groupCluster = "cluster:"
	groupSub     = "sub:"
)

// place is where an enterprise is counted.
type place struct {
	County, Park, Cluster, SubSector string
}

func (f *firm) place() place { return place{f.County, f.Park, f.Cluster, f.SubSector} }

// units lists every unit an enterprise at pl counts in: its city, county and
// park, each for all enterprises and for its cluster; and its sub-sector in
// the city and the county (a park's handful of firms per sub-sector is a
// list of enterprises, not an aggregate worth keeping).
func (pl place) units(city string) []unitKey {
	out := make([]unitKey, 0, 8)
	for _, o := range []string{city, pl.County, pl.Park} {
		if o == "" {
			continue
		}
		out = append(out, unitKey{o, ""})
		if pl.Cluster != "" {
			out = append(out, unitKey{o, groupCluster + pl.Cluster})
		}
		if pl.SubSector != "" && o != pl.Park {
			out = append(out, unitKey{o, groupSub + pl.SubSector})
		}
	}
	return out
}

// partition groups a frame's enterprises by unit; with want set, only the
// units in want are kept.
func partition(city string, firms []*firm, want map[unitKey]bool) map[unitKey][]*firm {
	out := map[unitKey][]*firm{}
	for k := range want {
		out[k] = nil // a unit that lost its last enterprise is recomputed too
	}
	for _, f := range firms {
		for _, k := range f.place().units(city) {
			if want == nil || want[k] {
				out[k] = append(out[k], f)
			}
		}
	}
	return out
}

// groupFilter is the SQL condition on enterprises e for a unit's group.
func groupFilter(group string) (string, []any) {
	switch {
	case strings.HasPrefix(group, groupCluster):
		return "e.cluster_code = ?", []any{strings.TrimPrefix(group, groupCluster)}
	case strings.HasPrefix(group, groupSub):
		return "e.sub_sector_code = ?", []any{strings.TrimPrefix(group, groupSub)}
	}
	return "1=1", nil
}
