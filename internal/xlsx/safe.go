package xlsx

import "strings"

// formulaLeads are the first characters that make Excel, WPS or
// LibreOffice read a cell typed or opened from CSV as a formula (OWASP,
// "CSV Injection": = + - @ tab and carriage return).
const formulaLeads = "=+-@\t\r"

// SafeText is s as it may leave the platform in a spreadsheet cell or a CSV
// field: text that a spreadsheet would take for a formula gets a leading
// apostrophe, as OWASP advises, so that it stays text when the file is
// opened, when a cell is edited, or after it is saved as CSV. Readers of
// the platform's own files take the apostrophe off again (unsafeText).
func SafeText(s string) string {
	if s != "" && strings.IndexByte(formulaLeads, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// unsafeText undoes SafeText on a cell read back: Excel keeps an
// apostrophe typed by a user as a style, never in the value, so a value
// that starts with one before a formula character came from SafeText.
func unsafeText(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.IndexByte(formulaLeads, s[1]) >= 0 {
		return s[1:]
	}
	return s
}
