package kitchen

import (
	"sync"
	"time"
)

// maxTracked bounds the limiter's memory. Past it, expired entries are
// dropped; if all are live, unknown clients share one entry, which then
// fills and blocks them together until the window ends.
const maxTracked = 10_000

// overflowKey is the shared entry of clients past maxTracked.
const overflowKey = "overflow"

// limiter counts wrong admin tokens per client in fixed windows. A client
// with max failures in its window is refused until the window ends, even
// with the right token, so a guesser learns nothing from trying.
type limiter struct {
	max    int
	window time.Duration
	now    func() time.Time

	mu    sync.Mutex
	fails map[string]*window
}

type window struct {
	start time.Time
	count int
}

func newLimiter(max int, w time.Duration, now func() time.Time) *limiter {
	return &limiter{max: max, window: w, now: now, fails: map[string]*window{}}
}

// blocked reports whether key is refused now, and for how long.
func (l *limiter) blocked(key string) (time.Duration, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	w := l.fails[key]
	if w == nil && len(l.fails) >= maxTracked {
		w = l.fails[overflowKey]
	}
	if w == nil || w.count < l.max {
		return 0, false
	}
	left := w.start.Add(l.window).Sub(now)
	if left <= 0 {
		return 0, false
	}
	return left, true
}

// fail records a wrong token from key.
func (l *limiter) fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	w := l.fails[key]
	if w == nil && len(l.fails) >= maxTracked {
		l.sweep(now)
		if len(l.fails) >= maxTracked {
			key = overflowKey
			w = l.fails[key]
		}
	}
	if w == nil || now.Sub(w.start) >= l.window {
		w = &window{start: now}
		l.fails[key] = w
	}
	w.count++
}

// sweep drops windows that have ended.
func (l *limiter) sweep(now time.Time) {
	for k, w := range l.fails {
		if now.Sub(w.start) >= l.window {
			delete(l.fails, k)
		}
	}
}
