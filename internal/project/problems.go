package project

import (
	"context"
	"fmt"
	"strings"

	"mfgplan/internal/store"
)

// Problem statuses.
const (
	ProblemOpen       = "open"
	ProblemInProgress = "in_progress"
	ProblemResolved   = "resolved"
	ProblemClosed     = "closed"
)

var problemStatusNames = map[string]string{ProblemOpen: "待协调", ProblemInProgress: "协调中", ProblemResolved: "已解决", ProblemClosed: "已关闭"}

// Problem is a 要素保障 request of a project: a ticket with an owner, a
// deadline and a resolution.
type Problem struct {
	ID          int64  `json:"id"`
	ProjectID   int64  `json:"project_id"`
	ProjectName string `json:"project_name,omitempty"`
	County      string `json:"county_code,omitempty"`
	Kind        string `json:"kind"`
	KindName    string `json:"kind_name"`
	Description string `json:"description"`
	OwnerUnit   string `json:"owner_unit"`
	OwnerPerson string `json:"owner_person"`
	Deadline    string `json:"deadline"`
	Status      string `json:"status"`
	StatusName  string `json:"status_name"`
	Resolution  string `json:"resolution"`
	RaisedOn    string `json:"raised_on"`
	ResolvedOn  string `json:"resolved_on"`
	RaisedBy    string `json:"raised_by"`
	Overdue     bool   `json:"overdue"`
	UpdatedAt   string `json:"updated_at"`
}

// ProblemInput files or changes a problem; on update nil fields stay.
type ProblemInput struct {
	Kind        *string `json:"kind,omitempty"`
	Description *string `json:"description,omitempty"`
	OwnerUnit   *string `json:"owner_unit,omitempty"`
	OwnerPerson *string `json:"owner_person,omitempty"`
	Deadline    *string `json:"deadline,omitempty"`
	Status      *string `json:"status,omitempty"`
	Resolution  *string `json:"resolution,omitempty"`
	RaisedOn    *string `json:"raised_on,omitempty"`
	ResolvedOn  *string `json:"resolved_on,omitempty"`
}

func (in ProblemInput) apply(p *Problem) {
	for _, f := range []struct{ dst, src *string }{{&p.Kind, in.Kind}, {&p.Description, in.Description}, {&p.OwnerUnit, in.OwnerUnit},
		{&p.OwnerPerson, in.OwnerPerson}, {&p.Deadline, in.Deadline}, {&p.Status, in.Status}, {&p.Resolution, in.Resolution},
		{&p.RaisedOn, in.RaisedOn}, {&p.ResolvedOn, in.ResolvedOn}} {
		if f.src != nil {
			*f.dst = strings.TrimSpace(*f.src)
		}
	}
}

func (s *Service) checkProblem(p *Problem, registeredOn string) error {
	var ps fieldProblems
	if name(s.vocab.ProblemKinds, p.Kind) == "" {
		var opts []string
		for _, t := range s.vocab.ProblemKinds {
			opts = append(opts, t.Code+"（"+t.Name+"）")
		}
		ps.add("kind", "问题类型", "「"+clip(p.Kind)+"」不可用，可选："+joinCN(opts))
	}
	if p.Description == "" {
		ps.add("description", "问题描述", "不能为空")
	}
	if problemStatusNames[p.Status] == "" {
		ps.add("status", "状态", "「"+clip(p.Status)+"」不可用，可选 open（待协调）、in_progress（协调中）、resolved（已解决）、closed（已关闭）")
	}
	for _, d := range []struct{ field, label, v string }{{"deadline", "办结时限", p.Deadline}, {"raised_on", "提出日期", p.RaisedOn}, {"resolved_on", "解决日期", p.ResolvedOn}} {
		if _, ok := parseDate(d.v); d.v != "" && !ok {
			ps.add(d.field, d.label, "「"+clip(d.v)+"」不是日期，应写作 2025-06-30")
		}
	}
	if p.RaisedOn < registeredOn {
		ps.add("raised_on", "提出日期", dayName(p.RaisedOn)+"早于项目入库日期"+dayName(registeredOn))
	}
	if t, ok := parseDate(p.RaisedOn); ok && t.After(s.today()) {
		ps.add("raised_on", "提出日期", dayName(p.RaisedOn)+"晚于今天")
	}
	if p.Status == ProblemResolved && (p.Resolution == "" || p.ResolvedOn == "") {
		ps.add("resolution", "解决情况", "已解决的问题须写明解决情况和解决日期")
	}
	if p.ResolvedOn != "" && p.ResolvedOn < p.RaisedOn {
		ps.add("resolved_on", "解决日期", dayName(p.ResolvedOn)+"早于提出日期"+dayName(p.RaisedOn))
	}
	return ps.err()
}

// AddProblem files a 要素保障 problem on a project.
func (s *Service) AddProblem(ctx context.Context, id int64, in ProblemInput) (*Problem, error) {
	pr := &Problem{ProjectID: id, Status: ProblemOpen, RaisedOn: s.today().Format(dateLayout), RaisedBy: accessUser(ctx)}
	in.apply(pr)
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		p, err := s.writable(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.checkProblem(pr, p.RegisteredOn); err != nil {
			return err
		}
		pr.UpdatedAt = s.stamp()
		if err := tx.QueryRow(ctx, `INSERT INTO project_problems (project_id, kind, description, owner_unit, owner_person, deadline, status, resolution,
			raised_on, resolved_on, raised_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			id, pr.Kind, pr.Description, pr.OwnerUnit, pr.OwnerPerson, pr.Deadline, pr.Status, pr.Resolution, pr.RaisedOn, pr.ResolvedOn,
			pr.RaisedBy, pr.UpdatedAt).Scan(&pr.ID); err != nil {
			return fmt.Errorf("filing a problem on project %d: %w", id, err)
		}
		return s.record(ctx, tx, id, "problem", "提出"+name(s.vocab.ProblemKinds, pr.Kind)+"问题："+clip(pr.Description), pr)
	})
	if err != nil {
		return nil, err
	}
	return s.problem(ctx, id, pr.ID)
}

// UpdateProblem changes a problem (status, owner, resolution …).
func (s *Service) UpdateProblem(ctx context.Context, id, problemID int64, in ProblemInput) (*Problem, error) {
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		p, err := s.writable(ctx, tx, id)
		if err != nil {
			return err
		}
		pr, err := s.readProblem(ctx, tx, id, problemID)
		if err != nil {
			return err
		}
		in.apply(pr)
		if err := s.checkProblem(pr, p.RegisteredOn); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE project_problems SET kind = ?, description = ?, owner_unit = ?, owner_person = ?, deadline = ?, status = ?,
			resolution = ?, raised_on = ?, resolved_on = ?, updated_at = ? WHERE id = ?`, pr.Kind, pr.Description, pr.OwnerUnit, pr.OwnerPerson,
			pr.Deadline, pr.Status, pr.Resolution, pr.RaisedOn, pr.ResolvedOn, s.stamp(), problemID); err != nil {
			return fmt.Errorf("updating problem %d: %w", problemID, err)
		}
		return s.record(ctx, tx, id, "problem", name(s.vocab.ProblemKinds, pr.Kind)+"问题「"+clip(pr.Description)+"」："+problemStatusNames[pr.Status], in)
	})
	if err != nil {
		return nil, err
	}
	return s.problem(ctx, id, problemID)
}

const problemColumns = `r.id, r.project_id, p.name, p.county_code, r.kind, r.description, r.owner_unit, r.owner_person, r.deadline, r.status, r.resolution,
	r.raised_on, r.resolved_on, r.raised_by, r.updated_at`

func (s *Service) scanProblem(r scanner) (Problem, error) {
	var p Problem
	err := r.Scan(&p.ID, &p.ProjectID, &p.ProjectName, &p.County, &p.Kind, &p.Description, &p.OwnerUnit, &p.OwnerPerson, &p.Deadline, &p.Status,
		&p.Resolution, &p.RaisedOn, &p.ResolvedOn, &p.RaisedBy, &p.UpdatedAt)
	p.KindName, p.StatusName = name(s.vocab.ProblemKinds, p.Kind), problemStatusNames[p.Status]
	p.Overdue = (p.Status == ProblemOpen || p.Status == ProblemInProgress) && p.Deadline != "" && p.Deadline < s.today().Format(dateLayout)
	return p, err
}

func (s *Service) readProblem(ctx context.Context, q store.Querier, id, problemID int64) (*Problem, error) {
	p, err := s.scanProblem(q.QueryRow(ctx, `SELECT `+problemColumns+` FROM project_problems r JOIN projects p ON p.id = r.project_id WHERE r.id = ? AND r.project_id = ?`, problemID, id))
	if isNoRows(err) {
		return nil, fieldError("problem", "问题", "项目 "+number(id)+" 没有编号为 "+itoa(problemID)+" 的问题")
	}
	if err != nil {
		return nil, fmt.Errorf("reading problem %d: %w", problemID, err)
	}
	return &p, nil
}

func (s *Service) problem(ctx context.Context, id, problemID int64) (*Problem, error) {
	return s.readProblem(ctx, s.db, id, problemID)
}

// ProblemFilter narrows a problem listing across projects.
type ProblemFilter struct {
	Project int64  `json:"project,omitempty"`
	County  string `json:"county,omitempty"`
	Kind    string `json:"kind,omitempty"`
	Open    bool   `json:"open,omitempty"` // 待协调 or 协调中 only
}

// Problems lists the problems of the projects the caller may see, newest first.
func (s *Service) Problems(ctx context.Context, f ProblemFilter) ([]Problem, error) {
	if f.Project != 0 {
		if _, err := s.Get(ctx, f.Project); err != nil {
			return nil, err
		}
	}
	return s.problems(ctx, f)
}

func (s *Service) problems(ctx context.Context, f ProblemFilter) ([]Problem, error) {
	cond, args := scopeFilter(accessView(ctx))
	q := `SELECT ` + problemColumns + ` FROM project_problems r JOIN projects p ON p.id = r.project_id WHERE ` + cond
	for _, c := range []struct {
		col string
		v   any
		on  bool
	}{{"r.project_id", f.Project, f.Project != 0}, {"p.county_code", f.County, f.County != ""}, {"r.kind", f.Kind, f.Kind != ""}} {
		if c.on {
			q += " AND " + c.col + " = ?"
			args = append(args, c.v)
		}
	}
	if f.Open {
		q += " AND r.status IN ('open', 'in_progress')"
	}
	out := []Problem{}
	err := each(ctx, s.db, "problems", q+" ORDER BY r.id DESC", args, func(r scanner) error {
		p, err := s.scanProblem(r)
		out = append(out, p)
		return err
	})
	return out, err
}

// Visit is one 定期访 (or 帮办) visit to a project.
type Visit struct {
	ID         int64  `json:"id"`
	ProjectID  int64  `json:"project_id"`
	VisitedOn  string `json:"visited_on"`
	Visitors   string `json:"visitors"`
	Findings   string `json:"findings"`
	FollowUp   string `json:"follow_up"`
	RecordedBy string `json:"recorded_by"`
	RecordedAt string `json:"recorded_at"`
}

// AddVisit logs a visit.
func (s *Service) AddVisit(ctx context.Context, id int64, v Visit) (*Visit, error) {
	v.ProjectID, v.RecordedBy, v.RecordedAt = id, accessUser(ctx), s.stamp()
	v.Visitors, v.Findings, v.FollowUp = strings.TrimSpace(v.Visitors), strings.TrimSpace(v.Findings), strings.TrimSpace(v.FollowUp)
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		p, err := s.writable(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.checkVisit(v, p.RegisteredOn); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `INSERT INTO project_visits (project_id, visited_on, visitors, findings, follow_up, recorded_by, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, id, v.VisitedOn, v.Visitors, v.Findings, v.FollowUp, v.RecordedBy, v.RecordedAt).Scan(&v.ID); err != nil {
			return fmt.Errorf("logging a visit to project %d: %w", id, err)
		}
		return s.record(ctx, tx, id, "visit", dayName(v.VisitedOn)+" "+v.Visitors+"走访："+clip(v.Findings), v)
	})
	if err != nil {
		return nil, err
	}
	return &v, nil
}

func (s *Service) checkVisit(v Visit, registeredOn string) error {
	var ps fieldProblems
	t, ok := parseDate(v.VisitedOn)
	switch {
	case !ok:
		ps.add("visited_on", "走访日期", "「"+clip(v.VisitedOn)+"」不是日期，应写作 2025-06-30")
	case v.VisitedOn < registeredOn:
		ps.add("visited_on", "走访日期", dayName(v.VisitedOn)+"早于项目入库日期"+dayName(registeredOn))
	case t.After(s.today()):
		ps.add("visited_on", "走访日期", dayName(v.VisitedOn)+"晚于今天")
	}
	if v.Visitors == "" {
		ps.add("visitors", "走访人员", "不能为空")
	}
	if v.Findings == "" {
		ps.add("findings", "走访情况", "不能为空")
	}
	return ps.err()
}

// Visits lists a project's visits, newest first.
func (s *Service) Visits(ctx context.Context, id int64) ([]Visit, error) {
	if _, err := s.Get(ctx, id); err != nil {
		return nil, err
	}
	out := []Visit{}
	err := each(ctx, s.db, "visits", `SELECT id, project_id, visited_on, visitors, findings, follow_up, recorded_by, recorded_at FROM project_visits
		WHERE project_id = ? ORDER BY visited_on DESC, id DESC`, []any{id}, func(r scanner) error {
		var v Visit
		err := r.Scan(&v.ID, &v.ProjectID, &v.VisitedOn, &v.Visitors, &v.Findings, &v.FollowUp, &v.RecordedBy, &v.RecordedAt)
		out = append(out, v)
		return err
	})
	return out, err
}
