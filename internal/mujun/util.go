package mujun

import (
	"sort"
	"strconv"
)

func itoa(n int) string { return strconv.Itoa(n) }

func sortFirmDiffs(d []FirmDiff) {
	sort.Slice(d, func(i, j int) bool { return d[i].EnterpriseID < d[j].EnterpriseID })
}
