package mujun

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

// wire is e as encoding/json would encode it by reflection.
func wire(e *Entry) entryWire {
	w := entryWire{plainEntry: plainEntry(*e)}
	for k, it := range e.Items {
		w.Items = append(w.Items, itemJSON{Code: e.ItemCode(k), Value: it.Value, Missing: it.Missing, Benchmark: it.Benchmark, Score: it.Score, Note: e.ItemNote(k)})
	}
	return w
}

func TestHandEncodingMatchesEncodingJSON(t *testing.T) {
	strs := []string{"", "达州市企业", `a"b\c`, "<tag>&amp;", "line\nbreak\ttab\r\b\f\x01", "\u2028\u2029", "bad\xffutf8"}
	for _, s := range strs {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("string %q: got %s want %s", s, got, want)
		}
	}
	for _, f := range []float64{0, -0.5, 1, 1e-7, 1.5e-10, 1e21, 123456789.123456, 24.097, -3e-7, 1e20} {
		want, _ := json.Marshal(f)
		if got := appendFloat(nil, f); !bytes.Equal(got, want) {
			t.Errorf("float %v: got %s want %s", f, got, want)
		}
	}
	lm, err := Preset("huaian")
	if err != nil {
		t.Fatal(err)
	}
	firms := generateFirms(60, testCounties, 9)
	firms[0].Industry = "4411"
	firms[1].Values[InTaxPaid] = math.NaN()
	firms[2].Name = `引号"和<尖括号>`
	firms[3].Adjustments = []AdjustmentInput{{Code: "safety", Points: 3, Reason: "事故"}}
	r, err := Score(lm.Method, Population{Year: 2024, Firms: firms})
	if err != nil {
		t.Fatal(err)
	}
	for i := range r.Entries {
		e := &r.Entries[i]
		want, err := json.Marshal(wire(e))
		if err != nil {
			t.Fatal(err)
		}
		got := appendEntry(nil, e)
		if !bytes.Equal(got, want) {
			t.Fatalf("entry %d:\n got %s\nwant %s", e.EnterpriseID, got, want)
		}
		var back Entry
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(appendEntry(nil, &back), got) {
			t.Fatalf("entry %d does not survive a decode and re-encode", e.EnterpriseID)
		}
	}
	var snap Snapshot
	raw, _, err := encodeSnapshot(newSnapshot(lm, r))
	if err != nil || json.Unmarshal(raw, &snap) != nil || len(snap.Entries) != len(r.Entries) || !reflect.DeepEqual(snap.Benchmarks, r.Benchmarks) {
		t.Fatalf("snapshot does not decode back: %v", err)
	}
}
