package project

import (
	"slices"
	"strings"

	"mfgplan/internal/apperr"
)

// Stage is where a project is in its life.
type Stage string

// The stages: the forward path, then the two side states.
const (
	Reserve    Stage = "reserve"    // 谋划储备
	Signed     Stage = "signed"     // 签约
	Preparing  Stage = "preparing"  // 前期（审批中）
	Started    Stage = "started"    // 开工
	Building   Stage = "building"   // 在建
	Completed  Stage = "completed"  // 竣工
	Producing  Stage = "producing"  // 投产
	Paused     Stage = "paused"     // 暂停
	Terminated Stage = "terminated" // 终止
)

// forward is the order a project moves in, one step at a time.
var forward = []Stage{Reserve, Signed, Preparing, Started, Building, Completed, Producing}

// rank orders stages for sorting and for "has it reached X": the forward
// path in order, paused and terminated after it.
func (s Stage) rank() int {
	if i := slices.Index(forward, s); i >= 0 {
		return i
	}
	if s == Paused {
		return len(forward)
	}
	return len(forward) + 1
}

// started reports whether a project at s has started construction.
func (s Stage) started() bool { return s.rank() >= Started.rank() && s.rank() < len(forward) }

// valid reports whether s is one of the stages.
func (s Stage) valid() bool { return s.rank() < len(forward) || s == Paused || s == Terminated }

// Allowed lists the stages a project at from may move to: the next stage,
// 暂停 while between 签约 and 在建, back to the stage it was paused in, and
// 终止 from anything not finished.
func Allowed(from, pausedFrom Stage) []Stage {
	switch from {
	case Producing, Terminated:
		return nil
	case Paused:
		return []Stage{pausedFrom, Terminated}
	}
	out := []Stage{forward[slices.Index(forward, from)+1]}
	if from.rank() >= Signed.rank() && from.rank() <= Building.rank() {
		out = append(out, Paused)
	}
	return append(out, Terminated)
}

// needsReason: pausing and terminating must say why.
func needsReason(to Stage) bool { return to == Paused || to == Terminated }

// checkMove refuses a transition that Allowed does not list, naming what
// would have been possible.
func (v *Vocabulary) checkMove(from, pausedFrom, to Stage) error {
	if !to.valid() {
		return fieldError("to", "阶段", "「"+string(to)+"」不是项目阶段")
	}
	ok := Allowed(from, pausedFrom)
	if slices.Contains(ok, to) {
		return nil
	}
	cur := v.stage(from).Name
	if len(ok) == 0 {
		return apperr.New(apperr.Invalid, "阶段：项目已%s，不能再转入「%s」", cur, v.stage(to).Name).WithDetails([]FieldProblem{{Field: "to", Message: "项目已" + cur}})
	}
	names := make([]string, len(ok))
	for i, s := range ok {
		names[i] = "「" + v.stage(s).Name + "」"
	}
	msg := "项目当前为「" + cur + "」，只能转入" + strings.Join(names, "、") + "，不能转入「" + v.stage(to).Name + "」（阶段须逐级推进）"
	return apperr.New(apperr.Invalid, "阶段：%s", msg).WithDetails([]FieldProblem{{Field: "to", Message: msg}})
}
