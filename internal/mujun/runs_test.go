package mujun

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"math/rand/v2"
	"testing"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/store"
	"mfgplan/internal/store/storetest"
)

func newTestService(t *testing.T, db *store.DB) *Service {
	t.Helper()
	svc, err := NewService(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

func TestSnapshotBytesDoNotDependOnInputOrder(t *testing.T) {
	lm, err := Preset("sichuan")
	if err != nil {
		t.Fatal(err)
	}
	firms := generateFirms(200, testCounties, 5)
	encode := func(fs []Firm) []byte {
		r, err := Score(lm.Method, Population{Year: 2024, Firms: fs})
		if err != nil {
			t.Fatal(err)
		}
		raw, _, err := encodeSnapshot(newSnapshot(lm, r))
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	first := encode(firms)
	shuffled := append([]Firm(nil), firms...)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	if !bytes.Equal(first, encode(shuffled)) {
		t.Fatal("the same firms in another order gave different snapshot bytes")
	}
}

func TestRunVersionsAndDiff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := systemCtx()
		ids := seedCity(t, db, 40, 2023, 2024)
		svc := newTestService(t, db)
		lm, err := Preset("sichuan")
		if err != nil {
			t.Fatal(err)
		}
		v1, err := svc.Run(ctx, 2024, lm, "manual")
		if err != nil {
			t.Fatal(err)
		}
		if !v1.Created || v1.Run.Version != 1 || v1.Run.EntryCount != 40 {
			t.Fatalf("first run: %+v", v1)
		}
		snap1, err := svc.Snapshot(ctx, v1.Run.ID)
		if err != nil {
			t.Fatal(err)
		}
		if sum := sha256.Sum256(snap1); hex.EncodeToString(sum[:]) != v1.Run.ContentHash {
			t.Fatal("stored snapshot does not match its content hash")
		}

		again, err := svc.Run(ctx, 2024, lm, "manual")
		if err != nil {
			t.Fatal(err)
		}
		if again.Created || again.Run.ID != v1.Run.ID || again.Run.ContentHash != v1.Run.ContentHash {
			t.Fatalf("an identical rerun must return the existing version, got %+v", again)
		}

		if v, err := svc.Verify(ctx, v1.Run.ID); err != nil || !v.Reproduced {
			t.Fatalf("a run recomputed over unchanged data must reproduce its hash: %+v %v", v, err)
		}

		// One firm's 2024 tax is corrected upwards tenfold.
		target := ids[7]
		setFigure(t, db, target, "tax_paid", 2024, 5000)
		v2, err := svc.Run(ctx, 2024, lm, "manual")
		if err != nil {
			t.Fatal(err)
		}
		if !v2.Created || v2.Run.Version != 2 || v2.Run.ContentHash == v1.Run.ContentHash {
			t.Fatalf("a changed input must make version 2, got %+v", v2)
		}
		if v, err := svc.Verify(ctx, v1.Run.ID); err != nil || v.Reproduced {
			t.Fatalf("after a correction v1 no longer reproduces: %+v %v", v, err)
		}
		from, err := svc.RunByVersion(ctx, 2024, "sichuan", "v1")
		if err != nil {
			t.Fatal(err)
		}
		d, err := svc.DiffRuns(ctx, from.ID, v2.Run.ID)
		if err != nil {
			t.Fatal(err)
		}
		assertOnlyTargetChanged(t, d, target)
	})
}

// assertOnlyTargetChanged: the benchmark is the 2023 average, so the
// corrected firm is the only one whose inputs and scores change; the others
// in the diff moved in rank (and maybe class) only, and there are some.
func assertOnlyTargetChanged(t *testing.T, d Diff, target int64) {
	t.Helper()
	assertOnlyTargetChangedTo(t, d, target, "tax_paid", 5000)
}

func assertOnlyTargetChangedTo(t *testing.T, d Diff, target int64, field string, to float64) {
	t.Helper()
	var sawTarget bool
	for _, f := range d.Firms {
		if f.EnterpriseID == target {
			sawTarget = true
			if len(f.Inputs) != 1 || f.Inputs[0].Field != field || f.Inputs[0].To != to || len(f.Scores) == 0 {
				t.Errorf("target firm diff: %+v", f)
			}
			continue
		}
		if len(f.Inputs) > 0 || len(f.Scores) > 0 || len(f.Ranks) == 0 {
			t.Errorf("firm %d changed beyond its rank: %+v", f.EnterpriseID, f)
		}
	}
	if !sawTarget || len(d.Firms) < 2 {
		t.Fatalf("want the target and the firms it overtook, got %d firms", len(d.Firms))
	}
}

func TestPublishLocks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := systemCtx()
		seedCity(t, db, 10, 2024)
		svc := newTestService(t, db)
		lm, _ := Preset("sichuan")
		out, err := svc.Run(ctx, 2024, lm, "manual")
		if err != nil {
			t.Fatal(err)
		}
		county := access.With(ctx, access.Principal{User: "c", Role: access.RoleCounty, View: access.Scope{Counties: []string{"511702"}}})
		if _, err := svc.Publish(county, out.Run.ID); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("a county user may not publish: %v", err)
		}
		pub, err := svc.Publish(ctx, out.Run.ID)
		if err != nil || pub.Status != "published" {
			t.Fatalf("publish: %+v %v", pub, err)
		}
		if _, err := svc.Publish(ctx, out.Run.ID); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("publishing twice must conflict: %v", err)
		}
		if got, err := svc.PublishedRun(ctx, 2024, "sichuan"); err != nil || got.ID != out.Run.ID {
			t.Fatalf("published run: %+v %v", got, err)
		}
	})
}
