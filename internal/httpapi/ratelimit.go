package httpapi

import (
	"sync"
	"time"

	"mfgplan/internal/apperr"
)

// limiter is a set of token buckets keyed by client IP or username, held in
// memory and bounded: when it tracks max keys it first forgets buckets that
// have refilled completely (they carry no information), and if none has,
// an arbitrary one.
type limiter struct {
	mu      sync.Mutex
	rate    float64 // tokens per second
	burst   float64
	max     int
	now     func() time.Time
	buckets map[string]*bucket
	what    string // for the error message
}

type bucket struct {
	tokens  float64
	at      time.Time
	refused bool // refused since the last token was taken
}

func newLimiter(perWindow int, window time.Duration, max int, what string, now func() time.Time) *limiter {
	return &limiter{rate: float64(perWindow) / window.Seconds(), burst: float64(perWindow), max: max, now: now,
		buckets: map[string]*bucket{}, what: what}
}

// allow takes a token for key, or returns a TooMany error saying when to retry.
func (l *limiter) allow(key string) error {
	_, err := l.take(key)
	return err
}

// take is allow that also says whether a refusal is the first since the
// key last got a token, so that callers can record each run of refusals
// once instead of once per request.
func (l *limiter) take(key string) (first bool, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[key]
	if !ok {
		l.makeRoom(now)
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens < 1 {
		wait := time.Duration((1 - b.tokens) / l.rate * float64(time.Second)).Round(time.Second)
		first, b.refused = !b.refused, true
		return first, apperr.New(apperr.TooMany, "%s过于频繁，请 %s 后再试", l.what, max(wait, time.Second))
	}
	b.tokens--
	b.refused = false
	return false, nil
}

func (l *limiter) makeRoom(now time.Time) {
	if len(l.buckets) < l.max {
		return
	}
	full := time.Duration(l.burst / l.rate * float64(time.Second))
	for k, b := range l.buckets {
		if now.Sub(b.at) >= full {
			delete(l.buckets, k)
		}
	}
	for k := range l.buckets {
		if len(l.buckets) < l.max {
			return
		}
		delete(l.buckets, k)
	}
}
