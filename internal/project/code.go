package project

import (
	"regexp"
	"strings"

	"golang.org/x/text/width"
)

// codeShape is the 项目代码 of GB/T 40058-2021: 4-digit time code, 6-digit
// area code, 2-digit 中央业务指导部门 code, 2-digit project-type code and 5
// random digits plus a check digit — 20 digits, shown with four hyphens
// (24 characters) by the 投资项目在线审批监管平台. The check-digit algorithm
// (§4.7) is not public, so only the shape is checked (projects-promotion.md §1.2).
var codeShape = regexp.MustCompile(`^(\d{4})-?(\d{6})-?(\d{2})-?(\d{2})-?(\d{6})$`)

// dashes are the hyphen look-alikes people paste from web pages and Word.
var dashes = strings.NewReplacer("—", "-", "–", "-", "‐", "-", "‑", "-", "－", "-", "_", "-", " ", "", "\u00a0", "", "\t", "")

const codeFormat = "应为 24 位「YYYY-AAAAAA-DD-TT-RRRRRC」：4 位时间代码、6 位地区代码、2 位行业部门代码、2 位项目类型代码、5 位随机码和 1 位校验码，如 2104-511722-04-01-123456"

// NormalizeCode turns a pasted 项目代码 (full-width digits, spaces, other
// dashes, with or without hyphens) into its display form, or says why it
// is not one.
func NormalizeCode(s string) (string, error) {
	folded := dashes.Replace(width.Fold.String(strings.TrimSpace(s)))
	m := codeShape.FindStringSubmatch(folded)
	if m == nil {
		return "", fieldError("code", "项目代码", "「"+clip(s)+"」格式不对，"+codeFormat)
	}
	return strings.Join(m[1:], "-"), nil
}

// clip shortens a text quoted in a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
