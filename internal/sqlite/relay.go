package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// OutboxSMS is a text claimed for sending.
type OutboxSMS struct {
	ID          int64
	Kind        SMSKind
	To          string
	Body        string
	Attempts    int    // including the one this claim starts
	OrderNumber string // "" when the text is not about an order
}

// ReasonUndecryptable is the last_error of a message failed because its
// number or body could not be decrypted (see ErrUndecryptable).
const ReasonUndecryptable = "undecryptable"

// ClaimSMS takes the message due longest ago and marks it sending until
// now+lease, in one statement, or returns ErrNoneDue. A message still
// sending after its lease was abandoned mid-send and is claimed again.
// The caller sends it outside any transaction and then records the outcome
// with MarkSMSSent, MarkSMSFailed, MarkSMSSkipped or RetrySMS.
//
// The number and body are decrypted here, for Twilio. A message that does
// not decrypt can never be sent: it is marked failed with
// ReasonUndecryptable, logged without content, and the next one is claimed.
func (s *Store) ClaimSMS(ctx context.Context, now time.Time, lease time.Duration) (
	OutboxSMS, error,
) {
	for {
		m, err := s.claimOne(ctx, now, lease)
		if !errors.Is(err, ErrUndecryptable) {
			return m, err
		}
		if err := s.finishSMS(ctx, m.ID, SMSFailed, ReasonUndecryptable, "", now,
			now); err != nil {
			return OutboxSMS{}, err
		}
	}
}

// claimOne claims one message; with ErrUndecryptable it returns the
// message's id only.
func (s *Store) claimOne(ctx context.Context, now time.Time, lease time.Duration) (
	OutboxSMS, error,
) {
	var (
		m        OutboxSMS
		to, body string
	)
	err := s.write.QueryRowContext(ctx, `
		UPDATE sms_outbox
		SET status = 'sending', attempts = attempts + 1,
			next_attempt_at = ?1, updated_at = ?2
		WHERE id = (
			SELECT id FROM sms_outbox
			WHERE status IN ('pending', 'sending') AND next_attempt_at <= ?2
			ORDER BY next_attempt_at, id
			LIMIT 1)
		RETURNING id, kind, to_number, body, attempts,
			COALESCE((SELECT order_number FROM orders
				WHERE orders.id = sms_outbox.order_id), '')`,
		formatTime(now.Add(lease)), formatTime(now),
	).Scan(&m.ID, &m.Kind, &to, &body, &m.Attempts, &m.OrderNumber)
	if errors.Is(err, sql.ErrNoRows) {
		return OutboxSMS{}, ErrNoneDue
	}
	if err != nil {
		return OutboxSMS{}, fmt.Errorf("sqlite: claim sms: %w", err)
	}
	if m.To, err = s.open("sms_outbox", "to_number", m.ID, to); err != nil {
		return OutboxSMS{ID: m.ID}, err
	}
	if m.Body, err = s.open("sms_outbox", "body", m.ID, body); err != nil {
		return OutboxSMS{ID: m.ID}, err
	}
	return m, nil
}

// MarkSMSSent records that Twilio accepted a claimed message.
func (s *Store) MarkSMSSent(ctx context.Context, id int64, sid string, now time.Time) error {
	return s.finishSMS(ctx, id, SMSSent, "", sid, now, now)
}

// MarkSMSFailed records that a claimed message will never be sent; code is
// the error code, never message text.
func (s *Store) MarkSMSFailed(ctx context.Context, id int64, code string, now time.Time) error {
	return s.finishSMS(ctx, id, SMSFailed, code, "", now, now)
}

// MarkSMSSkipped records that a claimed message was deliberately not sent,
// for example because SMS is in dry-run.
func (s *Store) MarkSMSSkipped(ctx context.Context, id int64, reason string,
	now time.Time,
) error {
	return s.finishSMS(ctx, id, SMSSkipped, reason, "", now, now)
}

// RetrySMS puts a claimed message back to pending, due at at.
func (s *Store) RetrySMS(ctx context.Context, id int64, code string, at, now time.Time) error {
	return s.finishSMS(ctx, id, SMSPending, code, "", at, now)
}

// finishSMS moves a message out of sending. A message no longer sending
// (its lease ran out and it was claimed again) is left alone.
func (s *Store) finishSMS(ctx context.Context, id int64, status SMSStatus,
	code, sid string, next, now time.Time,
) error {
	res, err := s.write.ExecContext(ctx, `
		UPDATE sms_outbox
		SET status = ?, last_error = ?, twilio_sid = ?, next_attempt_at = ?, updated_at = ?
		WHERE id = ? AND status = 'sending'`,
		string(status), code, sid, formatTime(next), formatTime(now), id)
	if err != nil {
		return fmt.Errorf("sqlite: mark sms %s: %w", status, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("sqlite: mark sms %s: %w", status, err)
	}
	if n == 0 {
		return fmt.Errorf("sqlite: mark sms %s: %w", status, ErrNotFound)
	}
	return nil
}

// RequeueInterruptedSMS puts every message left sending back to pending,
// due at once, and returns how many there were. The worker calls it at
// start-up: one process owns the database, so a message still sending was
// cut off by a crash, and Twilio may or may not have taken it. Sending it
// again is the at-least-once choice: a rare duplicate text is better than
// a lost order confirmation.
func (s *Store) RequeueInterruptedSMS(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.write.ExecContext(ctx, `
		UPDATE sms_outbox SET status = 'pending', next_attempt_at = ?, updated_at = ?
		WHERE status = 'sending'`, formatTime(now), formatTime(now))
	if err != nil {
		return 0, fmt.Errorf("sqlite: requeue sms: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("sqlite: requeue sms: %w", err)
	}
	return n, nil
}

// OutboxStats describes the messages waiting to be sent.
type OutboxStats struct {
	Pending       int           // pending or sending
	OldestPending time.Duration // age of the oldest of them; 0 when none
}

// OutboxStats reports the outbox backlog at now, for metrics.
func (s *Store) OutboxStats(ctx context.Context, now time.Time) (OutboxStats, error) {
	var (
		st     OutboxStats
		oldest sql.NullString
	)
	err := s.read.QueryRowContext(ctx, `
		SELECT COUNT(*), MIN(created_at) FROM sms_outbox
		WHERE status IN ('pending', 'sending')`).Scan(&st.Pending, &oldest)
	if err != nil {
		return OutboxStats{}, fmt.Errorf("sqlite: outbox stats: %w", err)
	}
	if oldest.Valid {
		t, err := parseTime(oldest.String)
		if err != nil {
			return OutboxStats{}, err
		}
		st.OldestPending = max(now.Sub(t), 0)
	}
	return st, nil
}
