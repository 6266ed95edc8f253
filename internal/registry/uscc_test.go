package registry

import "testing"

func TestCheckUSCC(t *testing.T) {
	tests := []struct {
		name, code string
		valid      bool
	}{
		// Public sample codes from ../shared/domain/facts.md §4.3.
		{"sample MA code", "91350200MA2YJ1XR9G", true},
		{"sample numeric", "913502000728319549", true},
		{"sample guangzhou", "91440101MA5CJQ4N59", true},
		{"sample 事业单位", "123502001549897397", true},
		{"sample X org check", "9135021359498494XQ", true},
		{"sample X last", "91350213678251743X", true},
		{"sample A last", "91350200776049653A", true},
		{"wrong check character", "91350200MA2YJ1XR9H", false},
		{"wrong org check", "913502000728319559", false},
		{"too short", "91350200MA2YJ1XR9", false},
		{"forbidden letter O", "91350200MA2YJ1XO9G", false},
		{"lower case", "91350200ma2yj1xr9g", false},
		{"letters in region", "9135A200MA2YJ1XR9G", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckUSCC(tt.code)
			if (err == nil) != tt.valid {
				t.Errorf("CheckUSCC(%q) = %v, want valid=%v", tt.code, err, tt.valid)
			}
		})
	}
}

func TestUSCCCheckCharWorkedExample(t *testing.T) {
	// facts.md §4.3: weighted sum 2836, mod 31 = 15, 31-15 = 16 → G.
	if got := USCCCheckChar("91350200MA2YJ1XR9"); got != 'G' {
		t.Errorf("check char = %c, want G", got)
	}
}

func FuzzCheckUSCC(f *testing.F) {
	for _, s := range []string{"91350200MA2YJ1XR9G", "913502000728319549", "", "ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		err := CheckUSCC(code)
		if err == nil {
			// A code that passes must reproduce its own check character.
			if USCCCheckChar(code[:17]) != code[17] {
				t.Fatalf("accepted %q with a wrong check character", code)
			}
		}
	})
}
