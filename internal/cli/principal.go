package cli

import (
	"context"
	"os/user"

	"mfgplan/internal/access"
	"mfgplan/internal/plan"
)

// asOperator returns ctx running as the local operator: the system
// principal (local commands may do everything), named after the OS account
// so that the audit log says who ran the command.
func asOperator(ctx context.Context) context.Context {
	p := access.System
	if u, err := user.Current(); err == nil {
		p.User = "cli:" + u.Username
	}
	return access.With(ctx, p)
}

// places answers the auth service's questions about county and park codes
// from the loaded plan.
type places struct{ counties, parks map[string]bool }

func planPlaces(p *plan.Plan) places {
	pl := places{counties: map[string]bool{}, parks: map[string]bool{}}
	for _, c := range p.Counties {
		pl.counties[c.Code] = true
	}
	for _, k := range p.Parks {
		pl.parks[k.Code] = true
	}
	return pl
}

func (p places) HasCounty(code string) bool { return p.counties[code] }
func (p places) HasPark(code string) bool   { return p.parks[code] }
