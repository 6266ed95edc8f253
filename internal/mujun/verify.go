package mujun

import (
	"context"

	"mfgplan/internal/store"
)

// Verification says whether a stored run is what its method makes of the
// data as they are now.
type Verification struct {
	Run         Run    `json:"run"`
	Recomputed  string `json:"recomputed_hash"`
	Reproduced  bool   `json:"reproduced"`
	Explanation string `json:"explanation"`
}

// Verify recomputes a run with the exact method it used (from mujun_methods)
// over the current data, without storing anything, and compares the content
// hash. A mismatch means the data changed since (a new run would be a new
// version); the diff between the two runs then shows what.
func (s *Service) Verify(ctx context.Context, runID int64) (Verification, error) {
	if err := requireCityAdmin(ctx); err != nil {
		return Verification{}, err
	}
	run, err := s.GetRun(ctx, runID)
	if err != nil {
		return Verification{}, err
	}
	lm, err := s.storedMethod(ctx, run.MethodHash)
	if err != nil {
		return Verification{}, err
	}
	var hash string
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		pop, err := s.population(ctx, tx, run.Year)
		if err != nil {
			return err
		}
		res, err := Score(lm.Method, pop)
		if err != nil {
			return err
		}
		_, hash, err = encodeSnapshot(newSnapshot(lm, res))
		return err
	})
	if err != nil {
		return Verification{}, err
	}
	v := Verification{Run: run, Recomputed: hash, Reproduced: hash == run.ContentHash}
	v.Explanation = "按存档的评价方法对当前数据重新计算，结果与快照逐字节一致"
	if !v.Reproduced {
		v.Explanation = "当前数据重新计算的结果与快照不同：快照生成后数据有变动；重新评价将生成新版本，用版本对比查看变化"
	}
	return v, nil
}
