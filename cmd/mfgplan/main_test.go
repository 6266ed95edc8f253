package main

import (
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// buildBinary compiles mfgplan once for the end-to-end tests below.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "mfgplan")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)

	t.Run("plan validate names file and line of a broken reference", func(t *testing.T) {
		raw, err := os.ReadFile("../../plans/dazhou-2021-2025.yaml")
		if err != nil {
			t.Fatal(err)
		}
		broken := strings.Replace(string(raw), "cluster: energy_chemical", "cluster: no_such_cluster", 1)
		if broken == string(raw) {
			t.Fatal("fixture: no chain with cluster energy_chemical to break")
		}
		f := filepath.Join(t.TempDir(), "broken.yaml")
		os.WriteFile(f, []byte(broken), 0o600)
		out, err := exec.Command(bin, "plan", "validate", f).CombinedOutput()
		if err == nil {
			t.Fatalf("validate accepted a broken plan:\n%s", out)
		}
		if !strings.Contains(string(out), f+":") || !strings.Contains(string(out), `unknown cluster "no_such_cluster"`) {
			t.Errorf("output lacks file:line and reason:\n%s", out)
		}
	})

	t.Run("plan validate rejects a malformed number", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "bad.yaml")
		os.WriteFile(f, []byte("id: x\nperiod: {start: 20x1}\n"), 0o600)
		out, err := exec.Command(bin, "plan", "validate", f).CombinedOutput()
		if err == nil || !strings.Contains(string(out), f+":2:") {
			t.Errorf("want failure at %s:2, got err=%v:\n%s", f, err, out)
		}
	})

	t.Run("plan show --json has clusters, chains, counties", func(t *testing.T) {
		out, err := exec.Command(bin, "plan", "show", "--json").Output()
		if err != nil {
			t.Fatal(err)
		}
		var p struct {
			Clusters []struct{ Code string }
			Chains   []struct{ Edges []any }
			Counties []struct{ Code string }
			Targets  []any
		}
		if err := json.Unmarshal(out, &p); err != nil {
			t.Fatal(err)
		}
		if len(p.Clusters) < 5 || len(p.Chains) < 10 || len(p.Counties) != 7 || len(p.Targets) == 0 {
			t.Errorf("plan show: %d clusters, %d chains, %d counties, %d targets", len(p.Clusters), len(p.Chains), len(p.Counties), len(p.Targets))
		}
	})

	t.Run("serve answers the indicator table and stops on SIGTERM", func(t *testing.T) {
		addr := freeAddr(t)
		cmd := exec.Command(bin, "serve", "--data", t.TempDir(), "--addr", addr)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer cmd.Process.Kill()
		var resp *http.Response
		var err error
		for i := 0; i < 100; i++ {
			if resp, err = http.Get("http://" + addr + "/api/v1/plan/indicators"); err == nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if err != nil {
			t.Fatalf("server never answered: %v", err)
		}
		var body struct{ Items []struct{ Code string } }
		json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if len(body.Items) != 20 {
			t.Errorf("%d indicators served, want 20", len(body.Items))
		}
		cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("server exited with %v after SIGINT", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("server did not stop within 15 s of SIGINT")
		}
	})
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
