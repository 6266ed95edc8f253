// Package registry keeps the places and the enterprises: org units (GB/T
// 2260), parks, enterprises with their 统一社会信用代码, industry class
// (GB/T 4754-2017) and dated designations.
package registry

import (
	"strings"

	"mfgplan/internal/apperr"
)

// usccChars is the 31-character set of GB 32100-2015 (no I, O, S, V, Z), in
// value order. Source: ../shared/domain/facts.md §4.2.
const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// usccWeights are 3^(i-1) mod 31 for positions 1–17 (facts.md §4.3).
var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// orgWeights are the GB 11714 weights of the 组织机构代码 body (facts.md §4.4).
var orgWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// CheckUSCC validates a 统一社会信用代码: length, character set, the GB 11714
// check character of the embedded 组织机构代码 (position 17) and the GB 32100
// check character (position 18). The error says in Chinese what is wrong.
// Unknown registration-department codes (position 1) are not rejected:
// departments were added after the standard (facts.md §4.1).
func CheckUSCC(code string) error {
	if len(code) != 18 {
		return apperr.New(apperr.Invalid, "统一社会信用代码应为18位，实际为%d位", len([]rune(code)))
	}
	vals := make([]int, 18)
	for i := 0; i < 18; i++ {
		v := strings.IndexByte(usccChars, code[i])
		if v < 0 {
			return apperr.New(apperr.Invalid, "统一社会信用代码第%d位字符 %q 不合法（不得含 I、O、S、V、Z 或小写字母）", i+1, string(code[i]))
		}
		vals[i] = v
	}
	for i := 2; i < 8; i++ {
		if vals[i] > 9 {
			return apperr.New(apperr.Invalid, "统一社会信用代码第3–8位应为行政区划码（数字）")
		}
	}
	if want := OrgCheckChar(code[8:16]); want != 0 && code[16] != want {
		return apperr.New(apperr.Invalid, "统一社会信用代码第17位（组织机构代码校验位）应为 %c，实际为 %c", want, code[16])
	}
	if want := USCCCheckChar(code[:17]); code[17] != want {
		return apperr.New(apperr.Invalid, "统一社会信用代码校验位（第18位）应为 %c，实际为 %c", want, code[17])
	}
	return nil
}

// USCCCheckChar computes the GB 32100 check character for the first 17
// characters (which must be in the character set).
func USCCCheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(usccChars, first17[i]) * usccWeights[i]
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return usccChars[c]
}

// OrgCheckChar computes the GB 11714 check character of an 8-character
// 组织机构代码 body, or 0 when the body holds characters outside 0-9A-Z.
func OrgCheckChar(body string) byte {
	sum := 0
	for i := 0; i < 8; i++ {
		ch := body[i]
		var v int
		switch {
		case ch >= '0' && ch <= '9':
			v = int(ch - '0')
		case ch >= 'A' && ch <= 'Z':
			v = int(ch-'A') + 10
		default:
			return 0
		}
		sum += v * orgWeights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}
