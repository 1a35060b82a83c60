package sms

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// ReasonDryRun is the last_error of a message skipped because SMS has no
// credentials.
const ReasonDryRun = "dry_run"

// deliver sends one claimed message and records the outcome. Logs carry
// ids, kinds and codes only: never the number or the body.
func (w *Worker) deliver(ctx context.Context, m sqlite.OutboxSMS) {
	if w.cfg.Sender == nil {
		err := w.outbox.MarkSMSSkipped(ctx, m.ID, ReasonDryRun, w.cfg.Now())
		w.skipped.Add(1)
		w.logOutcome(m, slog.LevelInfo, "skipped_dry_run", "", err)
		return
	}
	sid, err := w.cfg.Sender.Send(ctx, m.To, m.Body)
	now := w.cfg.Now()
	if err == nil {
		w.sent.Add(1)
		w.logOutcome(m, slog.LevelInfo, "sent", "", w.outbox.MarkSMSSent(ctx, m.ID, sid, now))
		return
	}
	var se *SendError
	if !errors.As(err, &se) {
		se = &SendError{Code: "send_error", Retry: true, err: err}
	}
	if !se.Retry || m.Attempts >= w.cfg.MaxAttempts {
		w.failed.Add(1)
		w.logOutcome(m, slog.LevelError, "failed", se.Code,
			w.outbox.MarkSMSFailed(ctx, m.ID, se.Code, now))
		return
	}
	at := now.Add(w.backoff(m.Attempts))
	w.retried.Add(1)
	w.logOutcome(m, slog.LevelWarn, "retry", se.Code,
		w.outbox.RetrySMS(ctx, m.ID, se.Code, at, now))
}

// backoff is the wait before the next try after attempt tries: full jitter
// over an exponentially growing limit, BaseDelay·2^(attempt-1) capped at
// MaxDelay.
func (w *Worker) backoff(attempt int) time.Duration {
	limit := w.cfg.MaxDelay
	if shift := attempt - 1; shift >= 0 && shift < 30 {
		limit = min(w.cfg.BaseDelay<<shift, w.cfg.MaxDelay)
	}
	return w.cfg.Jitter(limit)
}

// logOutcome writes one line per attempt; a failure to record it is an
// error of its own, since the message may then be sent again.
func (w *Worker) logOutcome(m sqlite.OutboxSMS, level slog.Level, outcome, code string,
	recordErr error,
) {
	attrs := []slog.Attr{
		slog.Int64("outbox_id", m.ID),
		slog.String("order_number", m.OrderNumber),
		slog.String("kind", string(m.Kind)),
		slog.Int("attempt", m.Attempts),
		slog.String("outcome", outcome),
	}
	if code != "" {
		attrs = append(attrs, slog.String("error_code", code))
	}
	if recordErr != nil {
		level = slog.LevelError
		attrs = append(attrs, slog.String("record_error", recordErr.Error()))
	}
	w.cfg.Logger.LogAttrs(context.Background(), level, "sms", attrs...)
}
