package kitchen

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 3, 18, 0, 0, 0, time.UTC)

func TestKeys_Session(t *testing.T) {
	k := deriveKeys("token-a")
	s := newSession(t0, time.Hour)
	v := k.encode(s)
	payload, mac, _ := strings.Cut(v, ".")
	flip := func(s string) string {
		b := []byte(s)
		if b[0] == 'A' {
			b[0] = 'B'
		} else {
			b[0] = 'A'
		}
		return string(b)
	}
	tests := []struct {
		name  string
		keys  keys
		value string
		now   time.Time
		ok    bool
	}{
		{"valid", k, v, t0, true},
		{"just before expiry", k, v, t0.Add(time.Hour - time.Second), true},
		{"expired", k, v, t0.Add(time.Hour), false},
		{"other token", deriveKeys("token-b"), v, t0, false},
		{"payload changed", k, flip(payload) + "." + mac, t0, false},
		{"mac changed", k, payload + "." + flip(mac), t0, false},
		{"no mac", k, payload, t0, false},
		{"empty", k, "", t0, false},
		{"garbage", k, "%%%.%%%", t0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.keys.decode(tt.value, tt.now)
			if ok != tt.ok {
				t.Fatalf("got ok %v, want %v", ok, tt.ok)
			}
			if ok && (got.id != s.id || !got.expires.Equal(s.expires)) {
				t.Fatalf("got %+v, want %+v", got, s)
			}
		})
	}
}

func TestKeys_CSRF(t *testing.T) {
	k := deriveKeys("token-a")
	a, b := newSession(t0, time.Hour), newSession(t0, time.Hour)
	if a.id == b.id {
		t.Fatal("two sessions share an id")
	}
	if !k.csrfOK(a, k.csrfToken(a)) {
		t.Fatal("a session's own token is refused")
	}
	for _, bad := range []string{"", k.csrfToken(b), deriveKeys("token-b").csrfToken(a)} {
		if k.csrfOK(a, bad) {
			t.Errorf("token %q accepted for another session or key", bad)
		}
	}
	if !k.tokenOK("token-a") || k.tokenOK("token-") || k.tokenOK("") {
		t.Error("admin token comparison is wrong")
	}
}

func TestLimiter(t *testing.T) {
	now := t0
	l := newLimiter(3, 10*time.Minute, func() time.Time { return now })
	for i := range 3 {
		if _, blocked := l.blocked("1.2.3.4"); blocked {
			t.Fatalf("blocked after %d failures, want 3 allowed", i)
		}
		l.fail("1.2.3.4")
	}
	left, blocked := l.blocked("1.2.3.4")
	if !blocked || left != 10*time.Minute {
		t.Fatalf("got blocked %v for %v, want 10m", blocked, left)
	}
	if _, blocked := l.blocked("5.6.7.8"); blocked {
		t.Fatal("another client is blocked")
	}
	now = now.Add(10 * time.Minute)
	if _, blocked := l.blocked("1.2.3.4"); blocked {
		t.Fatal("still blocked after the window")
	}
	l.fail("1.2.3.4") // a new window starts with one failure
	if _, blocked := l.blocked("1.2.3.4"); blocked {
		t.Fatal("blocked after one failure in a new window")
	}
}

// Past maxTracked clients, unknown ones share an entry instead of growing
// the map without bound.
func TestLimiter_Bounded(t *testing.T) {
	now := t0
	l := newLimiter(2, time.Minute, func() time.Time { return now })
	for i := range maxTracked {
		l.fail("client-" + strconv.Itoa(i))
	}
	l.fail("late-1")
	l.fail("late-2")
	if len(l.fails) > maxTracked+1 {
		t.Fatalf("got %d entries, want at most %d", len(l.fails), maxTracked+1)
	}
	if _, blocked := l.blocked("late-3"); !blocked {
		t.Fatal("clients past the bound are not limited together")
	}
	now = now.Add(time.Minute)
	l.fail("late-4") // the sweep makes room again
	if _, blocked := l.blocked("late-5"); blocked || len(l.fails) != 1 {
		t.Fatalf("got %d entries after the sweep, want 1", len(l.fails))
	}
}

func TestSSEEvent(t *testing.T) {
	got := sseEvent("board", "a\nb\r\nc\rd")
	want := "event: board\ndata: a\ndata: b\ndata: c\ndata: d\n\n"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestAgo(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "just now", 59 * time.Second: "just now", 5 * time.Minute: "5 min ago",
		61 * time.Minute: "1 h 01 min ago",
	} {
		if got := ago(d); got != want {
			t.Errorf("ago(%v): got %q, want %q", d, got, want)
		}
	}
}
