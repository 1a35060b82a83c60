package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// MaxSMSPerHour is how many texts one number may be sent in a rolling hour.
const MaxSMSPerHour = 3

// ReasonRateLimited is the last_error of a message skipped by the cap.
const ReasonRateLimited = "rate_limited"

// SMSKind is what a text is for.
type SMSKind string

// The kinds of text the program sends.
const (
	KindOrderCustomer SMSKind = "order_customer"
	KindOrderShop     SMSKind = "order_shop"
	KindReceipt       SMSKind = "receipt"
	KindMenuLink      SMSKind = "menu_link"
)

// SMSStatus is where a text is in the outbox.
type SMSStatus string

// Outbox statuses. A message starts pending (or skipped when over the cap),
// is sending while the worker holds it, and ends sent, failed or skipped.
const (
	SMSPending SMSStatus = "pending"
	SMSSending SMSStatus = "sending"
	SMSSent    SMSStatus = "sent"
	SMSFailed  SMSStatus = "failed"
	SMSSkipped SMSStatus = "skipped"
)

// NewSMS is a text to queue.
type NewSMS struct {
	Kind SMSKind
	To   string // E.164
	Body string
	// Render, used only by CreateOrder, builds Body from the stored order
	// once its number is allocated.
	Render func(Order) string
	// OrderID ties a receipt to its order; CreateOrder sets it itself.
	OrderID int64
}

// SMSRecord is the state of an outbox row, without its number and body.
type SMSRecord struct {
	ID            int64
	OrderID       int64 // 0 when the text is not about an order
	Kind          SMSKind
	Status        SMSStatus
	Attempts      int
	NextAttemptAt time.Time // due time, or end of the lease while sending
	LastError     string    // error code or reason, never message text
	TwilioSID     string
	// Body is the text as queued. It is personal data: show it to the shop
	// (the demo prints it) but never log it.
	Body string
}

// EnqueueSMS queues a text outside an order, such as a receipt or the menu
// link, and returns its row.
//
// Every kind but KindOrderShop counts towards MaxSMSPerHour per number; the
// shop's own new-order texts are exempt, since the shop chose that number
// and must hear of every order. A message over the cap is still stored, as
// skipped with ReasonRateLimited, so the refusal can be seen later; it does
// not count towards the cap itself.
func (s *Store) EnqueueSMS(ctx context.Context, m NewSMS) (rec SMSRecord, err error) {
	if m.Render != nil {
		return SMSRecord{}, errors.New("sqlite: enqueue sms: Render is only for CreateOrder")
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return SMSRecord{}, fmt.Errorf("sqlite: enqueue sms: begin: %w", err)
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, rollback(tx))
		}
	}()
	id, err := insertSMS(ctx, tx, m, s.now())
	if err != nil {
		return SMSRecord{}, err
	}
	rec, err = smsRecord(ctx, tx, id)
	if err != nil {
		return SMSRecord{}, err
	}
	if err := tx.Commit(); err != nil {
		return SMSRecord{}, fmt.Errorf("sqlite: enqueue sms: commit: %w", err)
	}
	return rec, nil
}

// insertSMS queues m, skipped when its number is over the hourly cap.
func insertSMS(ctx context.Context, tx *sql.Tx, m NewSMS, now time.Time) (int64, error) {
	if m.To == "" || m.Body == "" {
		return 0, fmt.Errorf("sqlite: queue %s sms: empty number or body", m.Kind)
	}
	status, reason := SMSPending, ""
	if m.Kind != KindOrderShop {
		n, err := recentSMS(ctx, tx, m.To, now.Add(-time.Hour))
		if err != nil {
			return 0, err
		}
		if n >= MaxSMSPerHour {
			status, reason = SMSSkipped, ReasonRateLimited
		}
	}
	orderID := sql.NullInt64{Int64: m.OrderID, Valid: m.OrderID != 0}
	at := formatTime(now)
	var id int64
	err := tx.QueryRowContext(ctx, `
		INSERT INTO sms_outbox (order_id, kind, to_number, body, status, last_error,
			next_attempt_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`,
		orderID, string(m.Kind), m.To, m.Body, string(status), reason, at, at, at,
	).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("sqlite: queue %s sms: %w", m.Kind, err)
	}
	return id, nil
}

// recentSMS counts the texts to a number since a time that count towards the
// cap.
func recentSMS(ctx context.Context, tx *sql.Tx, to string, since time.Time) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `
		SELECT COUNT(*) FROM sms_outbox
		WHERE to_number = ? AND created_at > ? AND kind <> 'order_shop'
			AND NOT (status = 'skipped' AND last_error = ?)`,
		to, formatTime(since), ReasonRateLimited).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqlite: count recent sms: %w", err)
	}
	return n, nil
}

// SMSRecord returns the state of one outbox row, or ErrNotFound.
func (s *Store) SMSRecord(ctx context.Context, id int64) (SMSRecord, error) {
	return smsRecord(ctx, s.read, id)
}

// SMSRecordsForOrder returns the outbox rows of an order, oldest first.
func (s *Store) SMSRecordsForOrder(ctx context.Context, orderID int64) ([]SMSRecord, error) {
	rows, err := s.read.QueryContext(ctx,
		`SELECT `+smsColumns+` FROM sms_outbox WHERE order_id = ? ORDER BY id`, orderID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: read order sms: %w", err)
	}
	defer rows.Close()
	var recs []SMSRecord
	for rows.Next() {
		r, err := scanSMSRecord(rows)
		if err != nil {
			return nil, err
		}
		recs = append(recs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: read order sms: %w", err)
	}
	return recs, nil
}

const smsColumns = `id, COALESCE(order_id, 0), kind, status, attempts, next_attempt_at,
	last_error, twilio_sid, body`

func smsRecord(ctx context.Context, q queryer, id int64) (SMSRecord, error) {
	row := q.QueryRowContext(ctx, `SELECT `+smsColumns+` FROM sms_outbox WHERE id = ?`, id)
	r, err := scanSMSRecord(row)
	if errors.Is(err, sql.ErrNoRows) {
		return SMSRecord{}, ErrNotFound
	}
	return r, err
}

func scanSMSRecord(row interface{ Scan(...any) error }) (SMSRecord, error) {
	var (
		r    SMSRecord
		next string
	)
	err := row.Scan(&r.ID, &r.OrderID, &r.Kind, &r.Status, &r.Attempts, &next,
		&r.LastError, &r.TwilioSID, &r.Body)
	if errors.Is(err, sql.ErrNoRows) {
		return SMSRecord{}, err
	}
	if err != nil {
		return SMSRecord{}, fmt.Errorf("sqlite: read sms: %w", err)
	}
	r.NextAttemptAt, err = parseTime(next)
	return r, err
}
