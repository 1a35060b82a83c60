package session

import (
	"context"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/kebabalab/kebabalab/internal/clock"
)

func TestStore_Concurrent(t *testing.T) {
	const workers, ops, keys, maxSize = 16, 2000, 64, 32
	clk := clock.Fixed(time.UTC, time.Date(2026, 3, 6, 18, 0, 0, 0, time.UTC))
	var created, deleted atomic.Int64
	var byReason [Capacity + 1]atomic.Uint64
	// The clock steps a second at a time; a 25 s TTL lets the store both fill
	// up and see entries expire, so both kinds of eviction happen.
	store, err := New(Options[string, *call]{
		TTL: 25 * time.Second, MaxSize: maxSize, Now: clk.Now,
		OnEvict: func(_ string, _ *call, r Reason) { byReason[r].Add(1) },
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range ops {
				key := strconv.Itoa(rand.IntN(keys))
				switch i % 6 {
				case 0, 1:
					if _, ok := store.GetOrCreate(key, func() *call { return &call{key} }); ok {
						created.Add(1)
					}
				case 2:
					if c, ok := store.Get(key); ok && c.id != key {
						t.Errorf("Get(%q): got value for %q", key, c.id)
					}
				case 3:
					if _, ok := store.Delete(key); ok {
						deleted.Add(1)
					}
				case 4:
					store.Sweep()
				case 5:
					clk.Advance(time.Second)
				}
				if n := store.Len(); n > maxSize {
					t.Errorf("Len: got %d, want <= %d", n, maxSize)
				}
			}
		})
	}
	wg.Wait()
	// Every entry ever created is still held, was deleted, or was evicted.
	stats := store.Stats()
	gone := int64(stats.Expired + stats.Capacity)
	if got, want := created.Load(), deleted.Load()+gone+int64(store.Len()); got != want {
		t.Fatalf("created %d, want deleted+evicted+held = %d (%+v)", got, want, stats)
	}
	got := Stats{Expired: byReason[Expired].Load(), Capacity: byReason[Capacity].Load()}
	if got != stats {
		t.Fatalf("callbacks: got %+v, want %+v", got, stats)
	}
	if stats.Expired == 0 || stats.Capacity == 0 {
		t.Fatalf("Stats: got %+v, want both kinds of eviction exercised", stats)
	}
}

func TestStore_Run(t *testing.T) {
	tests := []struct {
		name     string
		interval time.Duration
	}{
		{name: "EveryMinute", interval: time.Minute},
		{name: "NonPositiveMeansTTL", interval: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Inside the bubble, time.Now and the ticker read a fake clock that
			// moves only when every goroutine is blocked, so nothing waits for real.
			synctest.Test(t, func(t *testing.T) {
				store, err := New(Options[string, int]{TTL: ttl, MaxSize: 10})
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				store.GetOrCreate("call-1", func() int { return 1 })
				ctx, cancel := context.WithCancel(t.Context())
				done := make(chan struct{})
				go func() {
					store.Run(ctx, tt.interval)
					close(done)
				}()
				wantLenAfter(t, store, ttl-30*time.Second, 1)
				wantLenAfter(t, store, time.Minute, 0) // now idle for TTL+30s
				cancel()
				synctest.Wait()
				select {
				case <-done:
				default:
					t.Fatal("Run still running after cancel")
				}
			})
		})
	}
}

// wantLenAfter lets fake time run on by d, waits for the sweeper to go
// idle, then checks the store's size.
func wantLenAfter(t *testing.T, store *Store[string, int], d time.Duration, want int) {
	t.Helper()
	time.Sleep(d)
	synctest.Wait()
	if got := store.Len(); got != want {
		t.Fatalf("Len %s later: got %d, want %d", d, got, want)
	}
}

func benchStore(b *testing.B, maxSize int) *Store[string, *call] {
	b.Helper()
	store, err := New(Options[string, *call]{TTL: ttl, MaxSize: maxSize})
	if err != nil {
		b.Fatalf("New: %v", err)
	}
	return store
}

func benchKeys(n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = "call-" + strconv.Itoa(i)
	}
	return keys
}

func BenchmarkStore_GetOrCreate(b *testing.B) {
	benchmarks := []struct {
		name string
		keys int
	}{
		{name: "Hit", keys: 1000},
		{name: "CreateAndEvict", keys: 2000}, // cycling 2000 keys through 1000 slots
	}
	for _, bm := range benchmarks {
		b.Run(bm.name, func(b *testing.B) {
			store, keys := benchStore(b, 1000), benchKeys(bm.keys)
			i := 0
			for b.Loop() {
				key := keys[i%len(keys)]
				store.GetOrCreate(key, func() *call { return &call{key} })
				i++
			}
		})
	}
}

func BenchmarkStore_Get(b *testing.B) {
	store, keys := benchStore(b, 1000), benchKeys(1000)
	for _, key := range keys {
		store.GetOrCreate(key, func() *call { return &call{key} })
	}
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, ok := store.Get(keys[i%len(keys)]); !ok {
				b.Error("Get: got miss, want hit")
				return
			}
			i++
		}
	})
}
