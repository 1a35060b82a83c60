// Package session keeps per-call state in memory. A Store is a map whose
// entries expire after an idle TTL and whose size is capped by evicting the
// least recently used entry. Time is injected, so tests never sleep.
package session

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Reason says why an entry left a Store without being deleted.
type Reason int

const (
	// Expired means the entry sat idle for the whole TTL.
	Expired Reason = iota + 1
	// Capacity means the entry was the least recently used one in a full store.
	Capacity
)

// String returns the reason as a metrics label: "expired" or "capacity".
func (r Reason) String() string {
	switch r {
	case Expired:
		return "expired"
	case Capacity:
		return "capacity"
	}
	return fmt.Sprintf("Reason(%d)", int(r))
}

// ErrInvalidOptions is returned by New when TTL or MaxSize is not positive.
var ErrInvalidOptions = errors.New("invalid session options")

// Options configures a Store.
type Options[K comparable, V any] struct {
	// TTL is the idle lifetime: an entry unused for TTL or longer is gone.
	TTL time.Duration
	// MaxSize is the most entries held; inserting past it evicts the LRU one.
	MaxSize int
	// Now reads the clock; nil means time.Now.
	Now func() time.Time
	// OnEvict, if set, hears of every expiry and capacity eviction, but not
	// of a live entry's Delete. It runs after the lock is released, so it may
	// use the Store.
	OnEvict func(key K, value V, reason Reason)
}

// Stats counts the evictions a Store has made, by reason.
type Stats struct {
	Expired  uint64
	Capacity uint64
}

// Store is a concurrency-safe map with idle expiry and LRU eviction.
type Store[K comparable, V any] struct {
	ttl     time.Duration
	max     int
	now     func() time.Time
	onEvict func(K, V, Reason)

	mu    sync.Mutex
	items map[K]*list.Element // each Value is an *entry[K, V]
	order *list.List          // most recently used at the front
	last  time.Time           // latest clock reading, see tick
	stats Stats
}

type entry[K comparable, V any] struct {
	key  K
	val  V
	used time.Time
}

type eviction[K comparable, V any] struct {
	*entry[K, V]
	reason Reason
}

// New returns an empty Store configured by opts.
func New[K comparable, V any](opts Options[K, V]) (*Store[K, V], error) {
	if opts.TTL <= 0 || opts.MaxSize <= 0 {
		return nil, fmt.Errorf("%w: ttl %s and max size %d must be positive",
			ErrInvalidOptions, opts.TTL, opts.MaxSize)
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	return &Store[K, V]{
		ttl: opts.TTL, max: opts.MaxSize, now: now, onEvict: opts.OnEvict,
		items: make(map[K]*list.Element), order: list.New(),
	}, nil
}

// Get returns the value for key and marks it used. An expired entry is
// removed and reported missing, even if no sweep has run yet.
func (s *Store[K, V]) Get(key K) (V, bool) {
	v, ok, evs := s.get(key)
	s.notify(evs)
	return v, ok
}

func (s *Store[K, V]) get(key K) (v V, ok bool, evs []eviction[K, V]) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.tick()
	el, evs := s.live(key, now)
	if el == nil {
		return v, false, evs
	}
	return s.touch(el, now), true, evs
}

// GetOrCreate returns the value for key, marking it used, or stores and
// returns create() when there is none; created reports which. create runs
// with the Store locked, so it must be quick and must not use the Store.
func (s *Store[K, V]) GetOrCreate(key K, create func() V) (v V, created bool) {
	v, created, evs := s.getOrCreate(key, create)
	s.notify(evs)
	return v, created
}

func (s *Store[K, V]) getOrCreate(key K, create func() V) (V, bool, []eviction[K, V]) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.tick()
	el, evs := s.live(key, now)
	if el != nil {
		return s.touch(el, now), false, evs
	}
	for len(s.items) >= s.max {
		back := s.order.Back()
		reason := Capacity
		if s.expired(back, now) {
			reason = Expired
		}
		evs = append(evs, s.evict(back, reason))
	}
	e := &entry[K, V]{key: key, val: create(), used: now}
	s.items[key] = s.order.PushFront(e)
	return e.val, true, evs
}

// Delete removes key and returns its value, if it was held and not expired.
// Removing a live entry is how a finished call is closed, so it counts as no
// eviction; an expired one is reported as an Expired eviction.
func (s *Store[K, V]) Delete(key K) (V, bool) {
	v, ok, evs := s.delete(key)
	s.notify(evs)
	return v, ok
}

func (s *Store[K, V]) delete(key K) (v V, ok bool, evs []eviction[K, V]) {
	s.mu.Lock()
	defer s.mu.Unlock()
	el, evs := s.live(key, s.tick())
	if el == nil {
		return v, false, evs
	}
	return s.remove(el).val, true, nil
}

// Len returns the number of entries held, counting expired ones not yet swept.
func (s *Store[K, V]) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.items)
}

// Stats returns the evictions made so far.
func (s *Store[K, V]) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// Sweep removes every expired entry and returns how many it removed.
func (s *Store[K, V]) Sweep() int {
	evs := s.sweep()
	s.notify(evs)
	return len(evs)
}

func (s *Store[K, V]) sweep() (evs []eviction[K, V]) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.tick()
	// The list is ordered by last use, so the expired entries are all at the back.
	for el := s.order.Back(); el != nil && s.expired(el, now); el = s.order.Back() {
		evs = append(evs, s.evict(el, Expired))
	}
	return evs
}

// Run sweeps every interval until ctx is done; a non-positive interval
// means once per TTL. Start it in its own goroutine.
func (s *Store[K, V]) Run(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = s.ttl
	}
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			s.Sweep()
		}
	}
}

// tick reads the clock but never lets it run backwards. That keeps the list
// ordered by last use, which Sweep and eviction rely on, even if the wall
// clock is stepped back: readings in the shop zone carry no monotonic part.
func (s *Store[K, V]) tick() time.Time {
	if now := s.now(); now.After(s.last) {
		s.last = now
	}
	return s.last
}

// live returns key's element, or nil after evicting it if it has expired.
func (s *Store[K, V]) live(key K, now time.Time) (*list.Element, []eviction[K, V]) {
	el, ok := s.items[key]
	if !ok {
		return nil, nil
	}
	if s.expired(el, now) {
		return nil, []eviction[K, V]{s.evict(el, Expired)}
	}
	return el, nil
}

func (s *Store[K, V]) expired(el *list.Element, now time.Time) bool {
	return !now.Before(el.Value.(*entry[K, V]).used.Add(s.ttl))
}

func (s *Store[K, V]) touch(el *list.Element, now time.Time) V {
	e := el.Value.(*entry[K, V])
	e.used = now
	s.order.MoveToFront(el)
	return e.val
}

func (s *Store[K, V]) remove(el *list.Element) *entry[K, V] {
	e := s.order.Remove(el).(*entry[K, V])
	delete(s.items, e.key)
	return e
}

func (s *Store[K, V]) evict(el *list.Element, reason Reason) eviction[K, V] {
	if reason == Expired {
		s.stats.Expired++
	} else {
		s.stats.Capacity++
	}
	return eviction[K, V]{s.remove(el), reason}
}

// notify runs the eviction callback; callers must not hold the lock.
func (s *Store[K, V]) notify(evs []eviction[K, V]) {
	if s.onEvict == nil {
		return
	}
	for _, ev := range evs {
		s.onEvict(ev.key, ev.val, ev.reason)
	}
}
