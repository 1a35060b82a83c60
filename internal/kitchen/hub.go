package kitchen

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// hub tells open boards when to redraw. A change closes the current
// channel, waking every waiter at once, and puts a new one in its place.
//
// Changes made through this handler poke the hub directly. New orders come
// from the tools, so while any board is open the hub also polls the
// newest order id; Poke from the order path makes that instant.
type hub struct {
	store Store
	poll  time.Duration
	log   *slog.Logger

	mu       sync.Mutex
	changed  chan struct{}
	watchers int
	stopPoll context.CancelFunc
	lastID   int64

	done      chan struct{} // closed by close: every stream ends
	closeOnce sync.Once
}

func newHub(store Store, poll time.Duration, log *slog.Logger) *hub {
	return &hub{store: store, poll: poll, log: log, changed: make(chan struct{}),
		done: make(chan struct{})}
}

// wait returns a channel closed at the next change.
func (h *hub) wait() <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.changed
}

func (h *hub) poke() {
	h.mu.Lock()
	defer h.mu.Unlock()
	close(h.changed)
	h.changed = make(chan struct{})
}

func (h *hub) close() { h.closeOnce.Do(func() { close(h.done) }) }

// join registers an open board and returns the function that leaves. The
// first board starts the poll; its baseline is read before join returns,
// so an order committed after the board's first render is always seen.
func (h *hub) join(ctx context.Context) (leave func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.watchers++
	if h.watchers == 1 {
		id, err := h.store.LastOrderID(ctx)
		if err != nil {
			h.log.Warn("kitchen board poll", "error", err.Error())
		}
		h.lastID = id
		pollCtx, cancel := context.WithCancel(context.Background())
		h.stopPoll = cancel
		go h.run(pollCtx)
	}
	return func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.watchers--
		if h.watchers == 0 {
			h.stopPoll()
		}
	}
}

func (h *hub) run(ctx context.Context) {
	t := time.NewTicker(h.poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-h.done:
			return
		case <-t.C:
			h.check(ctx)
		}
	}
}

// check pokes the boards when a newer order exists than last seen.
func (h *hub) check(ctx context.Context) {
	id, err := h.store.LastOrderID(ctx)
	if err != nil {
		if ctx.Err() == nil {
			h.log.Warn("kitchen board poll", "error", err.Error())
		}
		return
	}
	h.mu.Lock()
	newer := id > h.lastID
	if newer {
		h.lastID = id
	}
	h.mu.Unlock()
	if newer {
		h.poke()
	}
}
