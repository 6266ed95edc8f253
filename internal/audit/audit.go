// Package audit is the tamper-evident audit log (等保2.0 安全审计): logins,
// permission changes, approvals, unlocks, imports and exports of
// enterprise-level data — who, when, from where, what. Each entry carries
// the SHA-256 of the previous entry's hash and its own canonical content, so
// an entry edited or deleted in the database breaks the chain at that entry
// and Verify names it.
package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/store"
)

// Actions recorded by mfgplan. Other packages may record their own action
// names; these are the ones the platform itself writes.
const (
	ActionLoginOK        = "login.ok"
	ActionLoginFailed    = "login.failed"
	ActionSetupFailed    = "setup.failed"
	ActionLogout         = "logout"
	ActionUserCreate     = "user.create"
	ActionUserUpdate     = "user.update"
	ActionUserDisable    = "user.disable"
	ActionPasswordReset  = "user.password_reset"
	ActionPasswordChange = "user.password_change"
	ActionTokenCreate    = "token.create"
	ActionTokenRevoke    = "token.revoke"
	ActionApproval       = "approval" // suffixed: approval.submit, approval.unlock …
	ActionSetting        = "setting.change"
	ActionImport         = "data.import"
	ActionExport         = "data.export"
	ActionAuditExport    = "audit.export"
)

// Event is what a caller records. The actor, role and client address come
// from the context (access.From and WithClient).
type Event struct {
	Action       string
	Object       string // e.g. "user:alice", "enterprise:12/monthly/2024-06"
	EnterpriseID int64  // 0 when the event concerns no single enterprise
	Outcome      string // "ok" (default) or "denied", "failed" …
	Detail       any    // marshalled to JSON
	Actor        string // overrides the principal (e.g. a failed login's username)
	At           time.Time
}

// Entry is one stored audit row.
type Entry struct {
	ID           int64  `json:"id"`
	At           string `json:"at"`
	Actor        string `json:"actor"`
	Role         string `json:"role"`
	IP           string `json:"ip"`
	Action       string `json:"action"`
	Object       string `json:"object"`
	EnterpriseID *int64 `json:"enterprise_id"`
	Outcome      string `json:"outcome"`
	Detail       string `json:"detail"`
	PrevHash     string `json:"prev_hash"`
	Hash         string `json:"hash"`
}

// TimeFormat is RFC 3339 in UTC with fixed microseconds: stored times of
// equal width compare correctly as text, so SQL can filter ranges on them.
const TimeFormat = "2006-01-02T15:04:05.000000Z"

type clientKey struct{}

// WithClient returns ctx carrying the caller's network address, recorded
// with every event.
func WithClient(ctx context.Context, ip string) context.Context {
	return context.WithValue(ctx, clientKey{}, ip)
}

// ClientOf returns the network address WithClient stored, or "local".
func ClientOf(ctx context.Context) string {
	if ip, ok := ctx.Value(clientKey{}).(string); ok {
		return ip
	}
	return "local"
}

// Record appends ev to the chain. Given a *store.DB it opens its own
// transaction; given a *store.Tx the entry commits or rolls back with the
// caller's change, so an audited change and its entry land together.
func Record(ctx context.Context, q store.Querier, ev Event) error {
	if db, ok := q.(*store.DB); ok {
		return db.InTx(ctx, func(tx *store.Tx) error { return record(ctx, tx, ev) })
	}
	return record(ctx, q, ev)
}

// chainLock is the PostgreSQL advisory lock key that serialises appends, so
// that ids follow commit order and no two entries share a predecessor.
// SQLite needs none: the INSERT takes the database's single write lock first.
const chainLock = 720700

func record(ctx context.Context, q store.Querier, ev Event) error {
	e, err := newEntry(ctx, ev)
	if err != nil {
		return err
	}
	if q.Dialect() == store.Postgres {
		if _, err := q.Exec(ctx, `SELECT pg_advisory_xact_lock(?)`, chainLock); err != nil {
			return fmt.Errorf("locking the audit chain: %w", err)
		}
	}
	err = q.QueryRow(ctx, `INSERT INTO audit_log (at, actor, role, ip, action, object, enterprise_id, outcome, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		e.At, e.Actor, e.Role, e.IP, e.Action, e.Object, e.EnterpriseID, e.Outcome, e.Detail).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("writing audit entry %s: %w", e.Action, err)
	}
	err = q.QueryRow(ctx, `SELECT hash FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1`, e.ID).Scan(&e.PrevHash)
	if err != nil && !isNoRows(err) {
		return fmt.Errorf("reading the previous audit entry: %w", err)
	}
	e.Hash = e.chainHash()
	if _, err := q.Exec(ctx, `UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?`, e.PrevHash, e.Hash, e.ID); err != nil {
		return fmt.Errorf("sealing audit entry %d: %w", e.ID, err)
	}
	return nil
}

func newEntry(ctx context.Context, ev Event) (Entry, error) {
	p := access.From(ctx)
	e := Entry{Actor: p.User, Role: string(p.Role), IP: ClientOf(ctx), Action: ev.Action, Object: ev.Object, Outcome: ev.Outcome}
	if ev.Actor != "" {
		e.Actor = ev.Actor
	}
	if e.Outcome == "" {
		e.Outcome = "ok"
	}
	at := ev.At
	if at.IsZero() {
		at = time.Now()
	}
	e.At = at.UTC().Format(TimeFormat)
	if ev.EnterpriseID != 0 {
		id := ev.EnterpriseID
		e.EnterpriseID = &id
	}
	if ev.Detail != nil {
		raw, err := json.Marshal(ev.Detail)
		if err != nil {
			return e, fmt.Errorf("encoding audit detail of %s: %w", ev.Action, err)
		}
		e.Detail = string(raw)
	}
	return e, nil
}

// chainHash is SHA-256 over the previous hash and the entry's canonical
// content: its fields as JSON in a fixed order, hash fields excluded.
func (e Entry) chainHash() string {
	content := e
	content.PrevHash, content.Hash = "", ""
	raw, err := json.Marshal(content)
	if err != nil {
		// Entry holds only strings and integers; Marshal cannot fail.
		panic(fmt.Sprintf("audit: encoding entry %d: %v", e.ID, err))
	}
	sum := sha256.Sum256(append([]byte(e.PrevHash+"\n"), raw...))
	return hex.EncodeToString(sum[:])
}
