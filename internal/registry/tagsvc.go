package registry

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"mfgplan/internal/access"
	"mfgplan/internal/apperr"
	"mfgplan/internal/dirty"
	"mfgplan/internal/store"
)

// Tag is a designation held from ValidFrom to ValidTo (open when empty).
type Tag struct {
	ID        int64  `json:"id"`
	Tag       string `json:"tag"`
	Name      string `json:"name"`
	Level     string `json:"level,omitempty"`
	ValidFrom string `json:"valid_from"`
	ValidTo   string `json:"valid_to,omitempty"`
	Source    string `json:"source,omitempty"`
}

// AddTag grants a designation to an enterprise and records it in the history.
func (s *Service) AddTag(ctx context.Context, id int64, t Tag, source string) (Tag, error) {
	t.Level = s.tags.normalLevel(t.Tag, t.Level)
	if err := s.checkTag(t); err != nil {
		return t, err
	}
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		if err := canWrite(ctx, tx, id); err != nil {
			return err
		}
		if err := forbidFiler(ctx, "企业称号"); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `INSERT INTO enterprise_tags (enterprise_id, tag, level, valid_from, valid_to, source)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, id, t.Tag, t.Level, t.ValidFrom, nullable(t.ValidTo), t.Source).Scan(&t.ID); err != nil {
			return fmt.Errorf("adding tag %s to enterprise %d: %w", t.Tag, id, err)
		}
		if err := dirty.Write(ctx, tx, dirty.Enterprise(id)); err != nil {
			return err
		}
		return record(ctx, tx, []Change{s.change(ctx, id, "tag:"+t.Tag, "", tagText(t), source)})
	})
	t.Name = s.tags.Tag(t.Tag).Name
	return t, err
}

// EndTag sets the last day a designation is held (revoked or expired).
func (s *Service) EndTag(ctx context.Context, id, tagID int64, validTo, source string) error {
	if validTo == "" {
		return apperr.New(apperr.Invalid, "结束称号需要失效日期（YYYY-MM-DD）")
	}
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		if err := canWrite(ctx, tx, id); err != nil {
			return err
		}
		if err := forbidFiler(ctx, "企业称号"); err != nil {
			return err
		}
		var t Tag
		var to sql.NullString
		err := tx.QueryRow(ctx, `SELECT tag, level, valid_from, valid_to FROM enterprise_tags WHERE id = ? AND enterprise_id = ?`, tagID, id).
			Scan(&t.Tag, &t.Level, &t.ValidFrom, &to)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.New(apperr.NotFound, "企业 %d 没有编号为 %d 的称号", id, tagID)
		}
		if err != nil {
			return fmt.Errorf("reading tag %d: %w", tagID, err)
		}
		old := tagText(Tag{Tag: t.Tag, Level: t.Level, ValidFrom: t.ValidFrom, ValidTo: to.String})
		t.ValidTo = validTo
		if err := s.checkTag(t); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE enterprise_tags SET valid_to = ? WHERE id = ?`, validTo, tagID); err != nil {
			return fmt.Errorf("ending tag %d: %w", tagID, err)
		}
		if err := dirty.Write(ctx, tx, dirty.Enterprise(id)); err != nil {
			return err
		}
		return record(ctx, tx, []Change{s.change(ctx, id, "tag:"+t.Tag, old, tagText(t), source)})
	})
}

func (s *Service) checkTag(t Tag) error {
	if err := s.tags.check(t.Tag, t.Level); err != nil {
		return err
	}
	from, err := time.Parse(time.DateOnly, t.ValidFrom)
	if err != nil {
		return apperr.New(apperr.Invalid, "称号生效日期 %q 应为 YYYY-MM-DD", t.ValidFrom)
	}
	if t.ValidTo == "" {
		return nil
	}
	to, err := time.Parse(time.DateOnly, t.ValidTo)
	if err != nil {
		return apperr.New(apperr.Invalid, "称号失效日期 %q 应为 YYYY-MM-DD", t.ValidTo)
	}
	if to.Before(from) {
		return apperr.New(apperr.Invalid, "称号失效日期 %s 早于生效日期 %s", t.ValidTo, t.ValidFrom)
	}
	return nil
}

func tagText(t Tag) string {
	return t.Level + " " + t.ValidFrom + "…" + t.ValidTo
}

func (s *Service) change(ctx context.Context, id int64, field, old, new, source string) Change {
	return Change{EnterpriseID: id, Field: field, Old: textPtr(old), New: textPtr(new), Source: source,
		Actor: access.From(ctx).User, ChangedAt: s.stamp()}
}

func (s *Service) listTags(ctx context.Context, id int64) ([]Tag, error) {
	rows, err := s.db.Query(ctx, `SELECT id, tag, level, valid_from, COALESCE(valid_to, ''), source
		FROM enterprise_tags WHERE enterprise_id = ? ORDER BY valid_from, id`, id)
	if err != nil {
		return nil, fmt.Errorf("reading tags of enterprise %d: %w", id, err)
	}
	defer rows.Close()
	var out []Tag
	for rows.Next() {
		var t Tag
		if err := rows.Scan(&t.ID, &t.Tag, &t.Level, &t.ValidFrom, &t.ValidTo, &t.Source); err != nil {
			return nil, fmt.Errorf("reading tags of enterprise %d: %w", id, err)
		}
		if k := s.tags.Tag(t.Tag); k != nil {
			t.Name = k.Name
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// YearStatus says whether an enterprise was 规上 in a year.
type YearStatus struct {
	Year       int  `json:"year"`
	AboveScale bool `json:"above_scale"`
}

// SetAboveScale records the 规上 status of an enterprise for a year.
func (s *Service) SetAboveScale(ctx context.Context, id int64, year int, above bool, source string) error {
	if year < 1990 || year > 2100 {
		return apperr.New(apperr.Invalid, "年份 %d 不合理", year)
	}
	return s.db.InTx(ctx, func(tx *store.Tx) error {
		if err := canWrite(ctx, tx, id); err != nil {
			return err
		}
		if err := forbidFiler(ctx, "规上状态"); err != nil {
			return err
		}
		var old sql.NullBool
		err := tx.QueryRow(ctx, `SELECT above_scale FROM enterprise_years WHERE enterprise_id = ? AND year = ?`, id, year).Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("reading 规上 status of enterprise %d in %d: %w", id, year, err)
		}
		if old.Valid && old.Bool == above {
			return nil
		}
		if _, err := tx.Exec(ctx, `INSERT INTO enterprise_years (enterprise_id, year, above_scale) VALUES (?, ?, ?)
			ON CONFLICT (enterprise_id, year) DO UPDATE SET above_scale = excluded.above_scale`, id, year, above); err != nil {
			return fmt.Errorf("setting 规上 status of enterprise %d in %d: %w", id, year, err)
		}
		if err := dirty.Write(ctx, tx, dirty.Year(id, year)); err != nil {
			return err
		}
		oldText := ""
		if old.Valid {
			oldText = strconv.FormatBool(old.Bool)
		}
		return record(ctx, tx, []Change{s.change(ctx, id, "above_scale:"+strconv.Itoa(year), oldText, strconv.FormatBool(above), source)})
	})
}

func (s *Service) listYears(ctx context.Context, id int64) ([]YearStatus, error) {
	rows, err := s.db.Query(ctx, `SELECT year, above_scale FROM enterprise_years WHERE enterprise_id = ? ORDER BY year`, id)
	if err != nil {
		return nil, fmt.Errorf("reading 规上 years of enterprise %d: %w", id, err)
	}
	defer rows.Close()
	var out []YearStatus
	for rows.Next() {
		var y YearStatus
		if err := rows.Scan(&y.Year, &y.AboveScale); err != nil {
			return nil, fmt.Errorf("reading 规上 years of enterprise %d: %w", id, err)
		}
		out = append(out, y)
	}
	return out, rows.Err()
}
