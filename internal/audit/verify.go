package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"mfgplan/internal/store"
)

// Report is the outcome of walking the chain.
type Report struct {
	Checked int `json:"checked"`
	// Broken is the first entry whose hash or link does not match; nil when
	// the whole chain holds.
	Broken *Break `json:"broken,omitempty"`
}

// Break names the first broken entry and why.
type Break struct {
	ID     int64  `json:"id"`
	Reason string `json:"reason"`
}

// Verify walks the chain in id order and reports the first entry whose
// stored hash does not match its content, or whose link does not match the
// entry before it (an edited or deleted predecessor). The oldest remaining
// entry anchors the chain, so pruning old entries keeps the rest verifiable.
func Verify(ctx context.Context, q store.Querier) (Report, error) {
	var rep Report
	if err := CanRead(ctx); err != nil {
		return rep, err
	}
	rows, err := q.Query(ctx, `SELECT `+entryColumns+` FROM audit_log ORDER BY id`)
	if err != nil {
		return rep, fmt.Errorf("reading the audit log: %w", err)
	}
	defer rows.Close()
	prev := ""
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return rep, err
		}
		rep.Checked++
		switch {
		case rep.Checked > 1 && e.PrevHash != prev:
			rep.Broken = &Break{ID: e.ID, Reason: "与前一条记录的链接不符：前一条记录被修改或删除"}
		case e.chainHash() != e.Hash:
			rep.Broken = &Break{ID: e.ID, Reason: "记录内容与其哈希不符：该记录被修改"}
		}
		if rep.Broken != nil {
			return rep, nil
		}
		prev = e.Hash
	}
	if err := rows.Err(); err != nil {
		return rep, fmt.Errorf("reading the audit log: %w", err)
	}
	return rep, nil
}

const entryColumns = `id, at, actor, role, ip, action, object, enterprise_id, outcome, detail, prev_hash, hash`

func scanEntry(rows *sql.Rows) (Entry, error) {
	var e Entry
	var ent sql.NullInt64
	if err := rows.Scan(&e.ID, &e.At, &e.Actor, &e.Role, &e.IP, &e.Action, &e.Object, &ent, &e.Outcome, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
		return e, fmt.Errorf("reading an audit entry: %w", err)
	}
	if ent.Valid {
		e.EnterpriseID = &ent.Int64
	}
	return e, nil
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
