package stats

import "testing"

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in      string
		wantID  string
		share   float64
		wantErr bool
	}{
		{"2024", "2024", 1, false},
		{"2024Q2", "2024Q2", 0.5, false},
		{"2024-06", "2024-06", 0.5, false},
		{"2024-12", "2024-12", 1, false},
		{"2024-13", "", 0, true},
		{"2024-00", "", 0, true},
		{"24-06", "", 0, true},
		{"2024Q5", "", 0, true},
		{"", "", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := ParsePeriod(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParsePeriod(%q) accepted %v", tt.in, p)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.ID() != tt.wantID || p.ElapsedShare() != tt.share {
				t.Errorf("got %s share %v, want %s share %v", p.ID(), p.ElapsedShare(), tt.wantID, tt.share)
			}
		})
	}
}

func TestPeriodArithmetic(t *testing.T) {
	if got := MustPeriod("2024-01").Prev().ID(); got != "2023-12" {
		t.Errorf("Prev of 2024-01 = %s", got)
	}
	if got := MustPeriod("2024Q1").Prev().ID(); got != "2023Q4" {
		t.Errorf("Prev of 2024Q1 = %s", got)
	}
	if got := MustPeriod("2024-03").SamePeriodLastYear().ID(); got != "2023-03" {
		t.Errorf("SamePeriodLastYear of 2024-03 = %s", got)
	}
	if got := len(MustPeriod("2024-03").YearToDate()); got != 3 {
		t.Errorf("YearToDate of 2024-03 has %d periods", got)
	}
	if got := MustPeriod("2024-06").Label(); got != "2024年6月" {
		t.Errorf("Label = %s", got)
	}
}
