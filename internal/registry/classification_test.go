package registry

import (
	"strings"
	"testing"

	"mfgplan/internal/apperr"
)

func TestClassification(t *testing.T) {
	c, err := LoadClassification(false)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.HighTechClasses()); n != 85 {
		t.Errorf("%d high-tech classes, want the 85 of the NBS 2017 list", n)
	}
	tests := []struct {
		code, division string
		highTech       bool
	}{
		{"2614", "化学原料和化学制品制造业", false},
		{"3973", "计算机、通信和其他电子设备制造业", true},
		{"2710", "医药制造业", true},
		{"4343", "金属制品、机械和设备修理业", true},
		{"3964", "计算机、通信和其他电子设备制造业", false},
		{"0610", "煤炭开采和洗选业", false},
		{"4411", "电力、热力生产和供应业", false},
		{"5110", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if got := c.DivisionName(tt.code); got != tt.division {
				t.Errorf("DivisionName = %q, want %q", got, tt.division)
			}
			if got := c.IsHighTech(tt.code); got != tt.highTech {
				t.Errorf("IsHighTech = %v, want %v", got, tt.highTech)
			}
		})
	}
	with, err := LoadClassification(true)
	if err != nil {
		t.Fatal(err)
	}
	if !with.IsHighTech("3964") || with.HighTechCategory("3964").Code != "03" {
		t.Error("with the optional flag 3964 should count under 电子及通信设备制造业")
	}
}

func TestCheckIndustryCode(t *testing.T) {
	c, err := LoadClassification(false)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in, want, wantErr string
	}{
		{"3973", "3973", ""},
		{"C3973", "3973", ""},
		{"397", "", "4位数字"},
		{"39a3", "", "4位数字"},
		{"5110", "", "不属于工业"},
		{"", "", "4位数字"},
		{"2699", "", "不是国民经济行业分类"},
		{"1300", "", "不是国民经济行业分类"},
		{"3999", "", "不是国民经济行业分类"},
		{"3741", "3741", ""},
		{"4690", "4690", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := c.CheckIndustryCode(tt.in)
			if tt.wantErr == "" {
				if err != nil || got != tt.want {
					t.Fatalf("= %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			if apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want invalid containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestTagVocabularyLevels(t *testing.T) {
	v, err := LoadTagVocabulary()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		tag, min string
		want     []string
		wantErr  bool
	}{
		{"zjtx", "province", []string{"province", "national"}, false},
		{"zjtx", "national", []string{"national"}, false},
		{"tech_center", "city", []string{"city", "province", "national"}, false},
		{"zjtx", "", nil, false},
		{"zjtx", "county", nil, true},
		{"cloud", "province", nil, true},
		{"unknown", "", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.tag+"/"+tt.min, func(t *testing.T) {
			got, err := v.levelsFrom(tt.tag, tt.min)
			if (err != nil) != tt.wantErr || strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("levelsFrom = %v, %v; want %v (error %v)", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

// TestClassCounts checks the class list against the standard's own counts
// per 门类, so a dropped or doubled line in classes.yaml fails.
func TestClassCounts(t *testing.T) {
	c, err := LoadClassification(false)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for code := range c.classes {
		count[c.divisions[code[:2]].Section]++
	}
	want := map[string]int{"B": 39, "C": 609, "D": 18}
	for sec, n := range want {
		if count[sec] != n {
			t.Errorf("门类 %s has %d 小类, GB/T 4754-2017 has %d", sec, count[sec], n)
		}
	}
	if c.ClassName("3964") != "服务消费机器人制造" {
		t.Errorf("3964 = %q, want the 第1号修改单 class 服务消费机器人制造", c.ClassName("3964"))
	}
}
