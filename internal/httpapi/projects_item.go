package httpapi

import (
	"net/http"
	"strconv"
	"time"

	"mfgplan/internal/apperr"
	"mfgplan/internal/project"
)

func (s *Server) projectDossier(w http.ResponseWriter, r *http.Request) error {
	return withID(w, r, "id", func(id int64) (any, error) { return s.Projects.Dossier(r.Context(), id, r.URL.Query().Get("period")) })
}

// withBody decodes a JSON body into a new T and calls fn with the path id.
func withBody[T any](w http.ResponseWriter, r *http.Request, fn func(id int64, body T) (any, error)) error {
	var body T
	if err := decodeJSON(r, &body, 1<<20); err != nil {
		return err
	}
	return withID(w, r, "id", func(id int64) (any, error) { return fn(id, body) })
}

func (s *Server) updateProject(w http.ResponseWriter, r *http.Request) error {
	return withBody(w, r, func(id int64, in project.Input) (any, error) { return s.Projects.Update(r.Context(), id, in) })
}

func (s *Server) moveProject(w http.ResponseWriter, r *http.Request) error {
	return withBody(w, r, func(id int64, m project.Move) (any, error) { return s.Projects.Move(r.Context(), id, m) })
}

func (s *Server) setApproval(w http.ResponseWriter, r *http.Request) error {
	return withBody(w, r, func(id int64, in project.ApprovalInput) (any, error) {
		return s.Projects.SetApproval(r.Context(), id, r.PathValue("item"), in)
	})
}

func (s *Server) setYearPlan(w http.ResponseWriter, r *http.Request) error {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		return apperr.New(apperr.Invalid, "路径中的年份 %q 不是整数", r.PathValue("year"))
	}
	return withBody(w, r, func(id int64, in struct {
		Planned float64 `json:"planned"`
	}) (any, error) {
		if err := s.Projects.SetYearPlan(r.Context(), id, year, in.Planned); err != nil {
			return nil, err
		}
		return s.Projects.Investment(r.Context(), id, year)
	})
}

func (s *Server) projectInvestment(w http.ResponseWriter, r *http.Request) error {
	year, err := intParam(r, "year")
	if err != nil {
		return err
	}
	if year == 0 {
		year = time.Now().Year()
	}
	return withID(w, r, "id", func(id int64) (any, error) { return s.Projects.Investment(r.Context(), id, year) })
}

func (s *Server) setInvestment(w http.ResponseWriter, r *http.Request) error {
	return withBody(w, r, func(id int64, in project.MonthInput) (any, error) {
		in.Period = r.PathValue("period")
		if err := s.Projects.SetInvestment(r.Context(), id, in); err != nil {
			return nil, err
		}
		m, _ := project.ParseMonth(in.Period)
		return s.Projects.Investment(r.Context(), id, m.Year)
	})
}

func (s *Server) addProblem(w http.ResponseWriter, r *http.Request) error {
	return withBody(w, r, func(id int64, in project.ProblemInput) (any, error) {
		return s.Projects.AddProblem(r.Context(), id, in)
	})
}

func (s *Server) updateProblem(w http.ResponseWriter, r *http.Request) error {
	pid, err := pathParamID(r, "pid")
	if err != nil {
		return err
	}
	return withBody(w, r, func(id int64, in project.ProblemInput) (any, error) {
		return s.Projects.UpdateProblem(r.Context(), id, pid, in)
	})
}

func (s *Server) addVisit(w http.ResponseWriter, r *http.Request) error {
	return withBody(w, r, func(id int64, v project.Visit) (any, error) { return s.Projects.AddVisit(r.Context(), id, v) })
}

func (s *Server) projectHistory(w http.ResponseWriter, r *http.Request) error {
	return withID(w, r, "id", func(id int64) (any, error) {
		h, err := s.Projects.History(r.Context(), id)
		return map[string]any{"items": h}, err
	})
}
