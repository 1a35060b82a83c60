package sms

import (
	"context"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// runWorker starts w.Run. Its cancel stops the worker; wait then waits
// for Run to return and fails the test if it returned an error.
func runWorker(t *testing.T, w *Worker) (cancel func(), wait func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	return cancel, func() {
		t.Helper()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("Run did not return after cancel")
		}
	}
}

func TestWorker_Run_StopsAndResumes(t *testing.T) {
	r := newRig(t)
	fake := newFakeTwilio(t)
	release := make(chan struct{})
	fake.hold = release
	inFlight, leftPending := r.enqueue(t), r.enqueue(t)

	cancel, wait := runWorker(t, r.worker(fake.sender(t)))
	waitFor(t, fake.arrived, "the first send")
	cancel() // while the first send is in flight
	release <- struct{}{}
	wait()

	if rec := r.record(t, inFlight); rec.Status != sqlite.SMSSent {
		t.Errorf("in-flight message: got %s, want sent before Run returned", rec.Status)
	}
	if rec := r.record(t, leftPending); rec.Status != sqlite.SMSPending {
		t.Errorf("second message: got %s, want still pending after the stop", rec.Status)
	}

	// A crash mid-send leaves a message sending; a new worker resends it.
	interrupted := r.enqueue(t)
	if _, err := r.store.ClaimSMS(context.Background(), r.clk.Now(), time.Hour); err != nil {
		t.Fatal(err)
	}
	close(release)
	cancel, wait = runWorker(t, r.worker(fake.sender(t)))
	waitFor(t, fake.arrived, "the pending message")
	waitFor(t, fake.arrived, "the interrupted message")
	cancel()
	wait()

	for _, id := range []int64{leftPending, interrupted} {
		if rec := r.record(t, id); rec.Status != sqlite.SMSSent {
			t.Errorf("message %d: got %s, want sent by the new worker", id, rec.Status)
		}
	}
	if n := len(fake.requests()); n != 3 {
		t.Errorf("got %d requests, want 3", n)
	}
}

func TestWorker_Notify(t *testing.T) {
	r := newRig(t)
	fake := newFakeTwilio(t)
	w := r.worker(fake.sender(t))
	cancel, wait := runWorker(t, w)

	id := r.enqueue(t)
	w.Notify()
	w.Notify() // never blocks, even with a wake-up already waiting
	waitFor(t, fake.arrived, "the notified send")
	cancel()
	wait()

	if rec := r.record(t, id); rec.Status != sqlite.SMSSent {
		t.Errorf("got %s, want sent", rec.Status)
	}
}
