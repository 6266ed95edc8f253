package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"mfgplan/internal/registry/registrytest"
)

// run executes the command line in-process against dir and returns stdout.
func run(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Execute(context.Background(), BuildInfo{Version: "test"}, append([]string{"--data", dir}, args...), &out, &errOut)
	if code != 0 {
		return out.String(), &cliError{errOut.String()}
	}
	return out.String(), nil
}

type cliError struct{ msg string }

func (e *cliError) Error() string { return e.msg }

func TestRegistryCommands(t *testing.T) {
	dir := t.TempDir()
	uscc := registrytest.USCC("511722", 5)
	tests := []struct {
		name    string
		args    []string
		want    string // in stdout, or in the error when wantErr
		wantErr bool
	}{
		{"org list", []string{"org", "list"}, "宣汉县", false},
		{"parks", []string{"org", "parks"}, "普光经开区", false},
		{"tags", []string{"org", "tags"}, "专精特新中小企业", false},
		{"industry map", []string{"industry-map", "list"}, "natural_gas_chemical", false},
		{"chain rules", []string{"industry-map", "chains"}, "lithium_battery, power_battery", false},
		{"add", []string{"enterprise", "add", "--uscc", uscc, "--name", "测试化工有限公司", "--county", "511722", "--industry", "2614", "--land-mu", "120"},
			"energy_chemical/natural_gas_chemical", false},
		{"add with a bad park", []string{"enterprise", "add", "--uscc", registrytest.USCC("511722", 6), "--name", "x", "--county", "511722",
			"--industry", "2614", "--park", "dazhou_hitech_zone"}, "不属于企业所在县", true},
		{"update", []string{"enterprise", "update", "1", "--name", "测试化工股份有限公司"}, "测试化工股份有限公司", false},
		{"tag", []string{"enterprise", "tag", "1", "--tag", "zjtx", "--level", "province", "--from", "2021-06-01"}, "专精特新中小企业", false},
		{"规上 status", []string{"enterprise", "scale", "1", "2021", "true"}, "", false},
		{"list 规上", []string{"enterprise", "list", "--above-scale-year", "2021"}, "1 of 1", false},
		{"list by tag", []string{"enterprise", "list", "--tag", "zjtx", "--tag-as-of", "2021-12-31"}, "1 of 1", false},
		{"show with history", []string{"enterprise", "show", "1"}, "测试化工有限公司 → 测试化工股份有限公司 (cli)", false},
		{"link a chain node by hand", []string{"enterprise", "nodes", "1", "link", "ethylene_glycol"}, "手工关联", false},
		{"unknown chain node", []string{"enterprise", "nodes", "1", "link", "unobtainium"}, "产业链节点", true},
		{"list by chain and node", []string{"enterprise", "list", "--chain", "gas_ethylene_glycol", "--node", "ethylene_glycol"}, "1 of 1", false},
		{"chain with counts", []string{"chain", "show", "gas_ethylene_glycol"}, "乙二醇                     1家", false},
		{"indicators by chain node", []string{"indicators", "--year", "2021", "--by", "node"}, "乙二醇", false},
		{"region value set", []string{"region-value", "set", "511700", "industrial_va_total", "2022", "612.3", "--source", "测试"}, "全部工业增加值", false},
		{"region value without source", []string{"region-value", "set", "511700", "gdp", "2022", "1"}, "必须注明来源", true},
		{"published figures loaded", []string{"region-value", "list", "--org", "511700", "--element", "gdp"}, "2117.8", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := run(t, dir, tt.args...)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, want error %v; output:\n%s", err, tt.wantErr, out)
			}
			got := out
			if err != nil {
				got = err.Error()
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, got)
			}
		})
	}
	out, err := run(t, dir, "--json", "enterprise", "list")
	if err != nil {
		t.Fatal(err)
	}
	var page struct{ Total int }
	if err := json.Unmarshal([]byte(out), &page); err != nil || page.Total != 1 {
		t.Errorf("--json list: %v, total %d", err, page.Total)
	}
}
