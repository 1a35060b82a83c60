package session

import (
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/clock"
)

const ttl = 30 * time.Minute

type call struct{ id string }

type evicted struct {
	key    string
	reason Reason
}

// fixture is a Store on a stopped clock that records what it evicts.
type fixture struct {
	clk     *clock.Clock
	store   *Store[string, *call]
	evicted []evicted
}

func newFixture(t *testing.T, maxSize int) *fixture {
	t.Helper()
	f := &fixture{clk: clock.Fixed(time.UTC, time.Date(2026, 3, 6, 18, 0, 0, 0, time.UTC))}
	store, err := New(Options[string, *call]{
		TTL: ttl, MaxSize: maxSize, Now: f.clk.Now,
		OnEvict: func(key string, _ *call, reason Reason) {
			f.evicted = append(f.evicted, evicted{key, reason})
		},
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	f.store = store
	return f
}

func (f *fixture) add(t *testing.T, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, created := f.store.GetOrCreate(k, func() *call { return &call{k} }); !created {
			t.Fatalf("GetOrCreate(%q): got existing entry, want a new one", k)
		}
	}
}

func (f *fixture) wantHeld(t *testing.T, key string, want bool) {
	t.Helper()
	c, ok := f.store.Get(key)
	if ok != want || (ok && c.id != key) {
		t.Fatalf("Get(%q): got %v, %v, want held=%v", key, c, ok, want)
	}
}

func (f *fixture) wantEvicted(t *testing.T, want ...evicted) {
	t.Helper()
	if len(f.evicted) != len(want) {
		t.Fatalf("evicted: got %v, want %v", f.evicted, want)
	}
	for i := range want {
		if f.evicted[i] != want[i] {
			t.Fatalf("evicted: got %v, want %v", f.evicted, want)
		}
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		name    string
		ttl     time.Duration
		maxSize int
		wantErr bool
	}{
		{name: "OK", ttl: time.Minute, maxSize: 1},
		{name: "ErrZeroTTL", ttl: 0, maxSize: 1, wantErr: true},
		{name: "ErrNegativeTTL", ttl: -time.Second, maxSize: 1, wantErr: true},
		{name: "ErrZeroMaxSize", ttl: time.Minute, maxSize: 0, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Options[string, int]{TTL: tt.ttl, MaxSize: tt.maxSize})
			if got := errors.Is(err, ErrInvalidOptions); got != tt.wantErr {
				t.Fatalf("got error %v, want ErrInvalidOptions: %v", err, tt.wantErr)
			}
		})
	}
}

func TestStore_Get(t *testing.T) {
	tests := []struct {
		name     string
		idle     time.Duration
		wantHeld bool
	}{
		{name: "FreshEntry", idle: 0, wantHeld: true},
		{name: "JustBeforeTTL", idle: ttl - time.Nanosecond, wantHeld: true},
		{name: "AtTTL", idle: ttl, wantHeld: false},
		{name: "PastTTL", idle: 2 * ttl, wantHeld: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, 10)
			f.add(t, "call-1")
			f.clk.Advance(tt.idle)
			f.wantHeld(t, "call-1", tt.wantHeld)
			if tt.wantHeld {
				f.wantEvicted(t)
				return
			}
			// An expired entry is dropped by Get itself, before any sweep.
			f.wantEvicted(t, evicted{"call-1", Expired})
			if got := f.store.Len(); got != 0 {
				t.Fatalf("Len after expired Get: got %d, want 0", got)
			}
		})
	}
	t.Run("Missing", func(t *testing.T) {
		newFixture(t, 10).wantHeld(t, "nobody", false)
	})
	t.Run("RefreshKeepsAlive", func(t *testing.T) {
		f := newFixture(t, 10)
		f.add(t, "call-1")
		for range 5 {
			f.clk.Advance(ttl - time.Second)
			f.wantHeld(t, "call-1", true)
		}
		f.clk.Advance(ttl)
		f.wantHeld(t, "call-1", false)
	})
}

func TestStore_GetOrCreate(t *testing.T) {
	t.Run("ReturnsExisting", func(t *testing.T) {
		f := newFixture(t, 10)
		first, _ := f.store.GetOrCreate("call-1", func() *call { return &call{"call-1"} })
		again, created := f.store.GetOrCreate("call-1", func() *call {
			t.Fatal("create called for a held key")
			return nil
		})
		if created || again != first {
			t.Fatalf("got %p, created=%v, want %p, created=false", again, created, first)
		}
	})
	t.Run("ReplacesExpired", func(t *testing.T) {
		f := newFixture(t, 10)
		old, _ := f.store.GetOrCreate("call-1", func() *call { return &call{"call-1"} })
		f.clk.Advance(ttl)
		fresh, created := f.store.GetOrCreate("call-1", func() *call { return &call{"call-1"} })
		if !created || fresh == old {
			t.Fatalf("got created=%v, same value=%v, want a new value", created, fresh == old)
		}
		f.wantEvicted(t, evicted{"call-1", Expired})
	})
}

func TestStore_LRU(t *testing.T) {
	f := newFixture(t, 3)
	f.add(t, "a", "b", "c")
	f.wantHeld(t, "a", true) // a is now the most recently used; b is the least
	f.add(t, "d")
	f.wantEvicted(t, evicted{"b", Capacity})
	f.wantHeld(t, "b", false)
	for _, k := range []string{"a", "c", "d"} {
		f.wantHeld(t, k, true)
	}
	if got := f.store.Stats(); got != (Stats{Capacity: 1}) {
		t.Fatalf("Stats: got %+v, want %+v", got, Stats{Capacity: 1})
	}
}

func TestStore_CapNeverExceeded(t *testing.T) {
	const maxSize, keys = 1000, 100_000
	f := newFixture(t, maxSize)
	for i := range keys {
		f.add(t, strconv.Itoa(i))
		if got := f.store.Len(); got > maxSize {
			t.Fatalf("Len after %d inserts: got %d, want <= %d", i+1, got, maxSize)
		}
	}
	want := Stats{Capacity: keys - maxSize}
	if got := f.store.Stats(); got != want || len(f.evicted) != keys-maxSize {
		t.Fatalf("got %+v and %d callbacks, want %+v", got, len(f.evicted), want)
	}
	f.wantHeld(t, strconv.Itoa(keys-maxSize-1), false)
	f.wantHeld(t, strconv.Itoa(keys-maxSize), true)
}

func TestStore_EvictionReasons(t *testing.T) {
	f := newFixture(t, 2)
	f.add(t, "old")
	f.clk.Advance(ttl)
	f.add(t, "new", "newer") // the full store drops "old", which had already expired
	f.add(t, "newest")       // nothing expired now: "new" goes for want of room
	f.wantEvicted(t, evicted{"old", Expired}, evicted{"new", Capacity})
	if got, want := f.store.Stats(), (Stats{Expired: 1, Capacity: 1}); got != want {
		t.Fatalf("Stats: got %+v, want %+v", got, want)
	}
}

func TestStore_Delete(t *testing.T) {
	f := newFixture(t, 10)
	f.add(t, "call-1", "call-2")
	if c, ok := f.store.Delete("call-1"); !ok || c.id != "call-1" {
		t.Fatalf("Delete: got %v, %v, want call-1, true", c, ok)
	}
	f.wantHeld(t, "call-1", false)
	f.wantHeld(t, "call-2", true)
	if _, ok := f.store.Delete("call-1"); ok {
		t.Fatal("second Delete: got true, want false")
	}
	f.wantEvicted(t) // a close is not an eviction
	f.clk.Advance(ttl)
	if _, ok := f.store.Delete("call-2"); ok {
		t.Fatal("Delete of expired entry: got true, want false")
	}
	f.wantEvicted(t, evicted{"call-2", Expired})
	if got := f.store.Len(); got != 0 {
		t.Fatalf("Len: got %d, want 0", got)
	}
}

func TestStore_Sweep(t *testing.T) {
	f := newFixture(t, 10)
	f.add(t, "a", "b", "c")
	f.clk.Advance(ttl / 2)
	f.wantHeld(t, "a", true)
	f.add(t, "d")
	f.clk.Advance(ttl / 2) // b and c are now idle for exactly the TTL
	if got := f.store.Sweep(); got != 2 {
		t.Fatalf("Sweep: got %d, want 2", got)
	}
	f.wantEvicted(t, evicted{"b", Expired}, evicted{"c", Expired})
	if got := f.store.Len(); got != 2 {
		t.Fatalf("Len: got %d, want 2", got)
	}
	if got := f.store.Sweep(); got != 0 {
		t.Fatalf("second Sweep: got %d, want 0", got)
	}
}

func TestStore_SweepAfterClockStepsBack(t *testing.T) {
	f := newFixture(t, 10)
	f.add(t, "a")
	f.clk.Advance(-time.Hour) // a wall-clock correction
	f.add(t, "b")
	f.clk.Advance(ttl)
	// Whatever Sweep leaves behind must be live: no Get may find it expired.
	swept := f.store.Sweep()
	for _, k := range []string{"a", "b"} {
		f.store.Get(k)
	}
	if swept != len(f.evicted) {
		t.Fatalf("Sweep removed %d, but Get then found %v expired", swept, f.evicted[swept:])
	}
	f.clk.Advance(time.Hour)
	if got := f.store.Sweep(); got != 2-swept {
		t.Fatalf("later Sweep: got %d, want %d", got, 2-swept)
	}
}

func TestStore_OnEvictMayUseStore(t *testing.T) {
	var store *Store[string, int]
	lens := []int{}
	store, err := New(Options[string, int]{
		TTL: ttl, MaxSize: 1,
		OnEvict: func(string, int, Reason) { lens = append(lens, store.Len()) },
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	store.GetOrCreate("a", func() int { return 1 })
	store.GetOrCreate("b", func() int { return 2 }) // would deadlock if run under the lock
	if len(lens) != 1 || lens[0] != 1 {
		t.Fatalf("Len seen by callback: got %v, want [1]", lens)
	}
}

func TestReason_String(t *testing.T) {
	names := map[Reason]string{Expired: "expired", Capacity: "capacity", 9: "Reason(9)"}
	for r, want := range names {
		if got := r.String(); got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
}
