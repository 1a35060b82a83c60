// Package sms renders the program's text messages, keeps caller text safe
// for them, and sends them from the outbox through Twilio.
package sms

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// Outbox is the part of the store the worker uses; *sqlite.Store has it.
type Outbox interface {
	RequeueInterruptedSMS(ctx context.Context, now time.Time) (int64, error)
	ClaimSMS(ctx context.Context, now time.Time, lease time.Duration) (sqlite.OutboxSMS, error)
	MarkSMSSent(ctx context.Context, id int64, sid string, now time.Time) error
	MarkSMSFailed(ctx context.Context, id int64, code string, now time.Time) error
	MarkSMSSkipped(ctx context.Context, id int64, reason string, now time.Time) error
	RetrySMS(ctx context.Context, id int64, code string, at, now time.Time) error
}

// Sender sends one text and returns the provider's message id. A
// *SendError tells the worker whether to try again; any other error is
// retried.
type Sender interface {
	Send(ctx context.Context, to, body string) (string, error)
}

// WorkerConfig tunes a Worker; zero fields take the defaults shown.
type WorkerConfig struct {
	Sender      Sender // nil: dry-run, every message is marked skipped
	Logger      *slog.Logger
	Now         func() time.Time // time.Now
	Poll        time.Duration    // 2 s: fallback wake-up when Notify is missed
	MaxAttempts int              // 6, then the message is failed
	BaseDelay   time.Duration    // 2 s: first retry delay limit
	MaxDelay    time.Duration    // 10 min: largest retry delay limit
	// Jitter returns a duration in [0, limit]; uniform random by default.
	Jitter func(limit time.Duration) time.Duration
}

// lease is how long a claimed message is reserved for one send; it must
// exceed the HTTP timeout so a live send is never claimed twice.
const lease = time.Minute

// Worker sends the outbox's messages, one at a time, in one goroutine.
type Worker struct {
	outbox Outbox
	cfg    WorkerConfig
	wake   chan struct{}

	sent, failed, skipped, retried atomic.Uint64
}

// Stats counts a worker's outcomes since it was made.
type Stats struct {
	Sent    uint64
	Failed  uint64
	Skipped uint64 // dry-run
	Retried uint64 // attempts that will be tried again
}

// NewWorker returns a worker for outbox; call Run to start it.
func NewWorker(outbox Outbox, cfg WorkerConfig) *Worker {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Poll <= 0 {
		cfg.Poll = 2 * time.Second
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 6
	}
	if cfg.BaseDelay <= 0 {
		cfg.BaseDelay = 2 * time.Second
	}
	if cfg.MaxDelay <= 0 {
		cfg.MaxDelay = 10 * time.Minute
	}
	if cfg.Jitter == nil {
		cfg.Jitter = uniform
	}
	return &Worker{outbox: outbox, cfg: cfg, wake: make(chan struct{}, 1)}
}

// uniform is full jitter; spreading retries needs no secrecy, so math/rand
// serves.
func uniform(limit time.Duration) time.Duration {
	return time.Duration(rand.Int64N(int64(limit) + 1)) // #nosec G404 -- jitter, not a secret
}

// Notify wakes the worker; call it after committing outbox rows. It never
// blocks.
func (w *Worker) Notify() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Stats returns the worker's counters.
func (w *Worker) Stats() Stats {
	return Stats{
		Sent: w.sent.Load(), Failed: w.failed.Load(),
		Skipped: w.skipped.Load(), Retried: w.retried.Load(),
	}
}

// Run sends due messages until ctx is cancelled, then returns once the send
// in flight, if any, has finished and been recorded (at most the HTTP
// timeout). It first puts back messages a previous run left sending, so a
// crash mid-send resends them (at-least-once).
func (w *Worker) Run(ctx context.Context) error {
	n, err := w.outbox.RequeueInterruptedSMS(ctx, w.cfg.Now())
	if err != nil {
		return fmt.Errorf("sms: requeue interrupted messages: %w", err)
	}
	if n > 0 {
		w.cfg.Logger.Warn("sms requeued interrupted messages", "count", n)
	}
	tick := time.NewTicker(w.cfg.Poll)
	defer tick.Stop()
	for {
		w.drain(ctx)
		select {
		case <-ctx.Done():
			return nil
		case <-w.wake:
		case <-tick.C:
		}
	}
}

// drain sends messages until none is due or ctx is cancelled.
func (w *Worker) drain(ctx context.Context) {
	for ctx.Err() == nil {
		m, err := w.outbox.ClaimSMS(ctx, w.cfg.Now(), lease)
		if errors.Is(err, sqlite.ErrNoneDue) {
			return
		}
		if err != nil {
			if ctx.Err() == nil {
				w.cfg.Logger.Error("sms claim failed", "error", err)
			}
			return
		}
		// A claimed message is finished even if ctx ends meanwhile: it is
		// the send in flight that Run waits for.
		w.deliver(context.WithoutCancel(ctx), m)
	}
}
