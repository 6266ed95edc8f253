package project

import (
	"context"
	"fmt"

	"mfgplan/internal/apperr"
	"mfgplan/internal/store"
)

// Create registers a project (谋划储备 on its 入库日期, today when not
// given) with its 前期手续 checklist, as the caller.
func (s *Service) Create(ctx context.Context, in Input) (*Project, error) {
	p := &Project{Origin: OriginManual, Tier: "county", NewLand: true}
	return s.create(ctx, p, in, "")
}

// create validates and inserts p (with in applied) at 谋划储备 on its
// registration date, records it and makes the moves given, all in one
// transaction. source says where it came from for the history ("" for a
// user's entry).
func (s *Service) create(ctx context.Context, p *Project, in Input, source string, moves ...Move) (*Project, error) {
	first := Reserve
	in.apply(p)
	if p.RegisteredOn == "" {
		p.RegisteredOn = s.today().Format(dateLayout)
	}
	if err := s.validate(p); err != nil {
		return nil, err
	}
	if err := canWrite(ctx, p.place()); err != nil {
		return nil, err
	}
	if err := s.owner(ctx, p); err != nil {
		return nil, err
	}
	p.Stage, p.StageOn = first, p.RegisteredOn
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		if err := s.insert(ctx, tx, p); err != nil {
			return err
		}
		if err := s.insertStage(ctx, tx, p.ID, "", first, p.RegisteredOn, source); err != nil {
			return err
		}
		if err := s.syncChecklist(ctx, tx, p); err != nil {
			return err
		}
		summary := "登记项目「" + p.Name + "」，阶段" + s.vocab.stage(first).Name
		if source != "" {
			summary += "（" + source + "）"
		}
		write := s.record
		if p.Origin == OriginPlan {
			write = s.history
		}
		if err := write(ctx, tx, p.ID, "create", summary, p); err != nil {
			return err
		}
		if err := s.refreshLights(ctx, tx, p.ID); err != nil {
			return err
		}
		for _, m := range moves {
			s.name(p)
			if err := s.moveTx(ctx, tx, p, m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.load(ctx, s.db, p.ID)
}

// insert writes the project row and its nodes; a taken 项目代码 is refused
// with the field named.
func (s *Service) insert(ctx context.Context, tx *store.Tx, p *Project) error {
	if err := s.codeFree(ctx, tx, p.Code, 0); err != nil {
		return err
	}
	now := s.stamp()
	p.CreatedAt, p.UpdatedAt = now, now
	err := tx.QueryRow(ctx, `INSERT INTO projects (name, code, origin, plan_key, plan_ref, lead_ref, enterprise_id, owner_name, owner_uscc,
		county_code, park_code, cluster_code, sub_sector_code, industry_code, kind, tier, approval_mode, total_investment,
		planned_start, planned_completion, planned_production, content, contact_name, contact_phone, service_unit, service_person,
		energy_tce, electricity_mkwh, hazardous, new_land, eia_exempt, stage, stage_on, registered_on, note, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		p.Name, nullable(p.Code), p.Origin, nullable(p.PlanKey), p.PlanRef, nullable(p.LeadRef), p.EnterpriseID, p.OwnerName, p.OwnerUSCC,
		p.County, p.Park, p.Cluster, p.SubSector, p.Industry, p.Kind, p.Tier, p.ApprovalMode, p.TotalInvestment,
		p.PlannedStart, p.PlannedCompletion, p.PlannedProduction, p.Content, p.ContactName, p.ContactPhone, p.ServiceUnit, p.ServicePerson,
		p.EnergyTCE, p.ElectricityMkWh, p.Hazardous, p.NewLand, p.EIAExempt, p.Stage, p.StageOn, p.RegisteredOn, p.Note,
		accessUser(ctx), now, now).Scan(&p.ID)
	if err != nil {
		return fmt.Errorf("inserting project %s: %w", p.Name, err)
	}
	return writeNodes(ctx, tx, p.ID, p.Nodes)
}

// codeFree refuses a 项目代码 another project (not id) already has.
func (s *Service) codeFree(ctx context.Context, q store.Querier, code string, id int64) error {
	if code == "" {
		return nil
	}
	var other int64
	err := q.QueryRow(ctx, `SELECT id FROM projects WHERE code = ? AND id <> ?`, code, id).Scan(&other)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("checking project code %s: %w", code, err)
	}
	msg := "「" + code + "」已是项目 " + number(other) + " 的项目代码；一个项目代码只对应一个项目"
	return apperr.New(apperr.Conflict, "项目代码：%s", msg).WithDetails([]FieldProblem{{Field: "code", Label: "项目代码", Message: msg}})
}

func writeNodes(ctx context.Context, tx *store.Tx, id int64, nodes []string) error {
	if _, err := tx.Exec(ctx, `DELETE FROM project_nodes WHERE project_id = ?`, id); err != nil {
		return fmt.Errorf("clearing chain nodes of project %d: %w", id, err)
	}
	for _, n := range nodes {
		if _, err := tx.Exec(ctx, `INSERT INTO project_nodes (project_id, node_code) VALUES (?, ?)`, id, n); err != nil {
			return fmt.Errorf("linking project %d to node %s: %w", id, n, err)
		}
	}
	return nil
}

// Update changes a project's fields (not its stage: see Move).
func (s *Service) Update(ctx context.Context, id int64, in Input) (*Project, error) {
	var out *Project
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		p, err := s.writable(ctx, tx, id)
		if err != nil {
			return err
		}
		before := *p
		in.apply(p)
		if err := s.validate(p); err != nil {
			return err
		}
		if err := canWrite(ctx, p.place()); err != nil {
			return err
		}
		if err := s.checkRegisteredBeforeStages(ctx, tx, p); err != nil {
			return err
		}
		if in.EnterpriseID != nil {
			if err := s.owner(ctx, p); err != nil {
				return err
			}
		}
		if err := s.codeFree(ctx, tx, p.Code, id); err != nil {
			return err
		}
		if err := s.write(ctx, tx, p); err != nil {
			return err
		}
		if err := s.syncChecklist(ctx, tx, p); err != nil {
			return err
		}
		if err := s.record(ctx, tx, id, "update", "修改项目信息："+changed(&before, p), in); err != nil {
			return err
		}
		out = p
		return s.refreshLights(ctx, tx, id)
	})
	if err != nil {
		return nil, err
	}
	return s.load(ctx, s.db, out.ID)
}

// checkRegisteredBeforeStages refuses a registration date after the
// project's first recorded transition.
func (s *Service) checkRegisteredBeforeStages(ctx context.Context, q store.Querier, p *Project) error {
	var first string
	if err := q.QueryRow(ctx, `SELECT COALESCE(MIN(on_date), '') FROM project_stages WHERE project_id = ? AND from_stage <> ''`, p.ID).Scan(&first); err != nil {
		return fmt.Errorf("reading the stages of project %d: %w", p.ID, err)
	}
	if first != "" && p.RegisteredOn > first {
		return fieldError("registered_on", "入库日期", dayName(p.RegisteredOn)+"晚于项目已记录的阶段变更日期"+dayName(first))
	}
	return nil
}

func (s *Service) write(ctx context.Context, tx *store.Tx, p *Project) error {
	p.UpdatedAt = s.stamp()
	_, err := tx.Exec(ctx, `UPDATE projects SET name = ?, code = ?, enterprise_id = ?, owner_name = ?, owner_uscc = ?, county_code = ?, park_code = ?,
		cluster_code = ?, sub_sector_code = ?, industry_code = ?, kind = ?, tier = ?, approval_mode = ?, total_investment = ?,
		planned_start = ?, planned_completion = ?, planned_production = ?, content = ?, contact_name = ?, contact_phone = ?,
		service_unit = ?, service_person = ?, energy_tce = ?, electricity_mkwh = ?, hazardous = ?, new_land = ?, eia_exempt = ?,
		registered_on = ?, note = ?, updated_at = ? WHERE id = ?`,
		p.Name, nullable(p.Code), p.EnterpriseID, p.OwnerName, p.OwnerUSCC, p.County, p.Park, p.Cluster, p.SubSector, p.Industry,
		p.Kind, p.Tier, p.ApprovalMode, p.TotalInvestment, p.PlannedStart, p.PlannedCompletion, p.PlannedProduction,
		p.Content, p.ContactName, p.ContactPhone, p.ServiceUnit, p.ServicePerson, p.EnergyTCE, p.ElectricityMkWh,
		p.Hazardous, p.NewLand, p.EIAExempt, p.RegisteredOn, p.Note, p.UpdatedAt, p.ID)
	if err != nil {
		return fmt.Errorf("updating project %d: %w", p.ID, err)
	}
	return writeNodes(ctx, tx, p.ID, p.Nodes)
}

// changed names the fields an update changed, for the history line.
func changed(a, b *Project) string {
	var out []string
	add := func(label string, x, y any) {
		if fmt.Sprint(x) != fmt.Sprint(y) {
			out = append(out, label)
		}
	}
	add("名称", a.Name, b.Name)
	add("项目代码", a.Code, b.Code)
	add("业主", a.OwnerName, b.OwnerName)
	add("县（市、区）", a.County, b.County)
	add("园区", a.Park, b.Park)
	add("产业", a.Cluster+a.SubSector+a.Industry, b.Cluster+b.SubSector+b.Industry)
	add("产业链节点", a.Nodes, b.Nodes)
	add("建设性质", a.Kind, b.Kind)
	add("储备层级", a.Tier, b.Tier)
	add("总投资", deref(a.TotalInvestment), deref(b.TotalInvestment))
	add("计划日期", a.PlannedStart+a.PlannedCompletion+a.PlannedProduction, b.PlannedStart+b.PlannedCompletion+b.PlannedProduction)
	add("建设内容", a.Content, b.Content)
	add("联系人", a.ContactName+a.ContactPhone, b.ContactName+b.ContactPhone)
	add("包办帮办", a.ServiceUnit+a.ServicePerson, b.ServiceUnit+b.ServicePerson)
	add("能耗与审批条件", fmt.Sprint(deref(a.EnergyTCE), deref(a.ElectricityMkWh), a.Hazardous, a.NewLand, a.EIAExempt, a.ApprovalMode),
		fmt.Sprint(deref(b.EnergyTCE), deref(b.ElectricityMkWh), b.Hazardous, b.NewLand, b.EIAExempt, b.ApprovalMode))
	add("入库日期", a.RegisteredOn, b.RegisteredOn)
	add("备注", a.Note, b.Note)
	if len(out) == 0 {
		return "无变化"
	}
	return joinCN(out)
}
