package sms

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

var start = time.Date(2026, 8, 21, 12, 0, 0, 0, time.FixedZone("AEST", 10*60*60))

// rig is a worker over a real store, with a fixed clock, jitter that always
// waits the whole limit, and a log buffer.
type rig struct {
	store *sqlite.Store
	clk   *clock.Clock
	logs  *bytes.Buffer
}

func newRig(t *testing.T) *rig {
	t.Helper()
	clk := clock.Fixed(start.Location(), start)
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "o.db"),
		sqlite.WithClock(clk.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &rig{store: st, clk: clk, logs: &bytes.Buffer{}}
}

func (r *rig) worker(sender Sender) *Worker {
	return NewWorker(r.store, WorkerConfig{
		Sender:      sender,
		Logger:      slog.New(slog.NewTextHandler(r.logs, nil)),
		Now:         r.clk.Now,
		Poll:        time.Hour, // only Notify and the start of Run wake the tests' workers
		MaxAttempts: 3,
		Jitter:      func(limit time.Duration) time.Duration { return limit },
	})
}

const secretBody = "Your kebab order body"

func (r *rig) enqueue(t *testing.T) int64 {
	t.Helper()
	rec, err := r.store.EnqueueSMS(context.Background(),
		sqlite.NewSMS{Kind: sqlite.KindMenuLink, To: "+61491570006", Body: secretBody})
	if err != nil {
		t.Fatal(err)
	}
	return rec.ID
}

func (r *rig) record(t *testing.T, id int64) sqlite.SMSRecord {
	t.Helper()
	rec, err := r.store.SMSRecord(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// checkLogs fails if the logs show the number or the body.
func (r *rig) checkLogs(t *testing.T) {
	t.Helper()
	for _, secret := range []string{"491570006", secretBody} {
		if strings.Contains(r.logs.String(), secret) {
			t.Errorf("logs show %q:\n%s", secret, r.logs)
		}
	}
}

func TestWorker_RetriesThenSends(t *testing.T) {
	tests := []struct {
		name     string
		first    reply
		wantCode string
	}{
		{"rate limited", tooMany, "20429"},
		{"html 503", unavailable, "bad_response"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t)
			fake := newFakeTwilio(t, tt.first, created)
			w := r.worker(fake.sender(t))
			id := r.enqueue(t)

			w.drain(context.Background())
			rec := r.record(t, id)
			wantNext := start.Add(2 * time.Second).UTC()
			if rec.Status != sqlite.SMSPending || rec.LastError != tt.wantCode ||
				!rec.NextAttemptAt.Equal(wantNext) {
				t.Fatalf("after the first try: got %+v, want pending, %s, due %v",
					rec, tt.wantCode, wantNext)
			}
			w.drain(context.Background())
			if n := len(fake.requests()); n != 1 {
				t.Fatalf("got %d requests before the retry is due, want 1", n)
			}

			r.clk.Advance(2 * time.Second)
			w.drain(context.Background())
			rec = r.record(t, id)
			if rec.Status != sqlite.SMSSent || rec.TwilioSID != "SM42" || rec.Attempts != 2 {
				t.Errorf("after the retry: got %+v, want sent SM42 in 2 attempts", rec)
			}
			if got, want := w.Stats(), (Stats{Sent: 1, Retried: 1}); got != want {
				t.Errorf("got stats %+v, want %+v", got, want)
			}
			r.checkLogs(t)
		})
	}
}

func TestWorker_PermanentErrorNotRetried(t *testing.T) {
	r := newRig(t)
	fake := newFakeTwilio(t, invalidTo)
	w := r.worker(fake.sender(t))
	id := r.enqueue(t)

	w.drain(context.Background())
	r.clk.Advance(time.Hour)
	w.drain(context.Background())

	rec := r.record(t, id)
	if rec.Status != sqlite.SMSFailed || rec.LastError != "21211" || rec.Attempts != 1 {
		t.Errorf("got %+v, want failed with 21211 after 1 attempt", rec)
	}
	if n := len(fake.requests()); n != 1 {
		t.Errorf("got %d requests, want 1", n)
	}
	if got, want := w.Stats(), (Stats{Failed: 1}); got != want {
		t.Errorf("got stats %+v, want %+v", got, want)
	}
	r.checkLogs(t)
}

func TestWorker_GivesUpAfterMaxAttempts(t *testing.T) {
	r := newRig(t)
	fake := newFakeTwilio(t, tooMany, tooMany, tooMany, tooMany)
	w := r.worker(fake.sender(t))
	id := r.enqueue(t)
	for range 5 {
		w.drain(context.Background())
		r.clk.Advance(time.Hour)
	}
	rec := r.record(t, id)
	if rec.Status != sqlite.SMSFailed || rec.LastError != "20429" || rec.Attempts != 3 {
		t.Errorf("got %+v, want failed with 20429 after 3 attempts", rec)
	}
	if n := len(fake.requests()); n != 3 {
		t.Errorf("got %d requests, want 3", n)
	}
}

func TestWorker_DryRun(t *testing.T) {
	r := newRig(t)
	fake := newFakeTwilio(t)
	w := r.worker(nil)
	ids := []int64{r.enqueue(t), r.enqueue(t)}

	w.drain(context.Background())
	for _, id := range ids {
		if rec := r.record(t, id); rec.Status != sqlite.SMSSkipped ||
			rec.LastError != ReasonDryRun {
			t.Errorf("message %d: got %+v, want skipped %s", id, rec, ReasonDryRun)
		}
	}
	if n := len(fake.requests()); n != 0 {
		t.Errorf("got %d requests in dry-run, want 0", n)
	}
	if n := strings.Count(r.logs.String(), "outcome=skipped_dry_run"); n != 2 {
		t.Errorf("got %d dry-run log lines, want 2:\n%s", n, r.logs)
	}
	r.checkLogs(t)
}

func TestWorker_Backoff(t *testing.T) {
	w := NewWorker(nil, WorkerConfig{
		BaseDelay: 2 * time.Second, MaxDelay: 10 * time.Second,
		Jitter: func(limit time.Duration) time.Duration { return limit },
	})
	tests := []struct {
		attempt int
		want    time.Duration
	}{
		{1, 2 * time.Second}, {2, 4 * time.Second}, {3, 8 * time.Second},
		{4, 10 * time.Second}, {40, 10 * time.Second},
	}
	for _, tt := range tests {
		if got := w.backoff(tt.attempt); got != tt.want {
			t.Errorf("backoff(%d) limit: got %v, want %v", tt.attempt, got, tt.want)
		}
	}
}

func TestUniform_WithinLimit(t *testing.T) {
	const limit = 3 * time.Millisecond
	seen := map[bool]bool{}
	for range 1000 {
		d := uniform(limit)
		if d < 0 || d > limit {
			t.Fatalf("uniform(%v) = %v, out of range", limit, d)
		}
		seen[d < limit/2] = true
	}
	if len(seen) != 2 {
		t.Error("uniform never spread over its range")
	}
}

func TestWorker_Notify_Coalesces(t *testing.T) {
	w := NewWorker(nil, WorkerConfig{})
	w.Notify()
	w.Notify()
	if n := len(w.wake); n != 1 {
		t.Errorf("got %d pending wake-ups, want 1", n)
	}
}
