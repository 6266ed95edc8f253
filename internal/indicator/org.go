package indicator

// Org is an org unit results are given for: the city, a county or a park.
type Org struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Level  string `json:"level"` // city, county, park
	County string `json:"county,omitempty"`
}
