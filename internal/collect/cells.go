package collect

import (
	"math"
	"strconv"
	"strings"

	"mfgplan/internal/stats"
)

const formulaMessage = "单元格含有公式；数据必须直接填写数值（请复制后「选择性粘贴 → 数值」）"

// parseValue reads a cell's text (or a JSON scalar rendered as text) as a
// value of el. An empty text is "not reported" (ok false, no message). The
// message says in Chinese why a text is refused.
func parseValue(el *stats.Element, text string) (v float64, ok bool, msg string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0, false, ""
	}
	if el.ValueType == stats.Bool {
		switch strings.ToLower(text) {
		case "是", "1", "true", "y", "yes":
			return 1, true, ""
		case "否", "0", "false", "n", "no":
			return 0, true, ""
		}
		return 0, false, "应填写「是」或「否」，实际为「" + text + "」"
	}
	if strings.HasPrefix(text, "=") {
		return 0, false, formulaMessage
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(text, ",", ""), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false, "应为数字（单位：" + el.Unit + "），实际为文本「" + clip(text) + "」；请勿填写单位、汉字或空格"
	}
	if el.ValueType == stats.Integer && f != math.Trunc(f) {
		return 0, false, "应为整数（单位：" + el.Unit + "），实际为 " + text
	}
	return f, true, ""
}

// clip shortens a text quoted in a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}

// normUSCC upper-cases and trims a USCC cell; the check itself is
// registry.CheckUSCC.
func normUSCC(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }
