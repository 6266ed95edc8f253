package httpapi

import (
	"fmt"
	"testing"
	"time"

	"mfgplan/internal/apperr"
)

func TestLimiterRefillsAndStaysBounded(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	l := newLimiter(3, time.Minute, 4, "登录尝试", func() time.Time { return now })
	steps := []struct {
		name    string
		advance time.Duration
		key     string
		want    apperr.Code
	}{
		{"first", 0, "a", ""}, {"second", 0, "a", ""}, {"third", 0, "a", ""},
		{"burst spent", 0, "a", apperr.TooMany},
		{"other key has its own bucket", 0, "b", ""},
		{"one token back after 20 s", 20 * time.Second, "a", ""},
		{"and spent again", 0, "a", apperr.TooMany},
	}
	for _, st := range steps {
		now = now.Add(st.advance)
		err := l.allow(st.key)
		if apperr.CodeOf(err) != st.want && !(st.want == "" && err == nil) {
			t.Fatalf("%s: %v, want %q", st.name, err, st.want)
		}
	}
	for i := 0; i < 100; i++ {
		l.allow(fmt.Sprint("flood-", i))
	}
	if len(l.buckets) > 4 {
		t.Errorf("limiter tracks %d keys, bound is 4", len(l.buckets))
	}
}
