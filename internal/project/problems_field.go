package project

import (
	"strings"

	"mfgplan/internal/apperr"
)

// FieldProblem is one refused field of a request: its JSON name and why,
// in Chinese. Errors list every problem in their details.
type FieldProblem struct {
	Field   string `json:"field"`
	Label   string `json:"label"`
	Message string `json:"message"`
}

// fieldProblems collects the problems of one request.
type fieldProblems []FieldProblem

func (ps *fieldProblems) add(field, label, msg string) {
	*ps = append(*ps, FieldProblem{Field: field, Label: label, Message: msg})
}

// err is nil without problems, else one Invalid error whose message names
// every field: 县（市、区）：代码 511799 不在规划的区县中；总投资：不得为负.
func (ps fieldProblems) err() error {
	if len(ps) == 0 {
		return nil
	}
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.Label + "：" + p.Message
	}
	return apperr.New(apperr.Invalid, "%s", strings.Join(parts, "；")).WithDetails([]FieldProblem(ps))
}

func fieldError(field, label, msg string) error {
	var ps fieldProblems
	ps.add(field, label, msg)
	return ps.err()
}
