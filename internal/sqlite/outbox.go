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
	// (the demo prints it) but never log it. It is empty once retention
	// has erased it, or when it cannot be decrypted (BodyUnreadable).
	Body           string
	BodyUnreadable bool
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
	id, err := s.insertSMS(ctx, s.prepared(tx), m, s.now())
	if err != nil {
		return SMSRecord{}, err
	}
	rec, err = s.smsRecord(ctx, tx, id)
	if err != nil {
		return SMSRecord{}, err
	}
	if err := tx.Commit(); err != nil {
		return SMSRecord{}, fmt.Errorf("sqlite: enqueue sms: commit: %w", err)
	}
	return rec, nil
}

// insertSMS queues m, skipped when its number is over the hourly cap. The
// row is inserted with an empty number and body and then given the sealed
// ones, bound to its id (see pii.go).
func (s *Store) insertSMS(ctx context.Context, tx writeTx, m NewSMS, now time.Time) (
	int64, error,
) {
	if m.To == "" || m.Body == "" {
		return 0, fmt.Errorf("sqlite: queue %s sms: empty number or body", m.Kind)
	}
	status, reason := SMSPending, ""
	if m.Kind != KindOrderShop {
		n, err := s.recentSMS(ctx, tx, m.To, now.Add(-time.Hour))
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
	err := tx.QueryRowContext(ctx, insertSMSQuery,
		orderID, string(m.Kind), string(status), reason, at, at, at,
	).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("sqlite: queue %s sms: %w", m.Kind, err)
	}
	return id, s.sealSMSDetails(ctx, tx, id, m.To, m.Body)
}

// countsTowardsCap is the condition on an outbox row for it to count
// towards MaxSMSPerHour: not a shop text, not erased by retention, and not
// itself refused by the cap.
const countsTowardsCap = `kind <> 'order_shop' AND to_number <> ''
	AND NOT (status = 'skipped' AND last_error = ?)`

const insertSMSQuery = `
		INSERT INTO sms_outbox (order_id, kind, to_number, body, status, last_error,
			next_attempt_at, created_at, updated_at)
		VALUES (?, ?, '', '', ?, ?, ?, ?, ?)
		RETURNING id`

// recentSMS counts the texts to a number since a time that count towards the
// cap, by the blind index of the number (to_bidx) under every configured
// index key, so texts indexed before a key rotation count too. Nothing is
// decrypted for texts written since migration 0004.
//
// The index is trusted without decrypting the number. A row's index is
// written with its sealed number in the same transaction (sealSMSDetails),
// so every text counts for its own number, even one whose number no longer
// decrypts. An index copied onto another row makes that row count for the
// number it was copied from: a copied index can only over-count, and so
// refuse a text, never let one more through. (Overwriting or deleting a
// row's own index needs write access to the file, which could as well
// delete the row; the cap is against callers, not against that.)
//
// Texts written before migration 0004 have no index. The few of them still
// in the last hour are decrypted and compared, as every text was before;
// one that does not decrypt is logged and not counted. An hour after the
// upgrade there are none left to decrypt.
func (s *Store) recentSMS(ctx context.Context, tx writeTx, to string, since time.Time) (
	int, error,
) {
	after := formatTime(since)
	idx := s.keys.BlindIndexes(to)
	args := make([]any, 0, len(idx)+2)
	for _, v := range idx {
		args = append(args, v)
	}
	args = append(args, after, ReasonRateLimited)
	var n int
	err := tx.QueryRowContext(ctx, recentSMSQuery(len(idx)), args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqlite: count recent sms: %w", err)
	}
	unindexed, err := s.recentUnindexedSMS(ctx, tx, to, after)
	if err != nil {
		return 0, err
	}
	return n + unindexed, nil
}

// recentSMSQuery counts the texts with one of n blind indexes after a time
// that count towards the cap, through the index sms_outbox_by_to_bidx.
func recentSMSQuery(n int) string {
	return `SELECT COUNT(*) FROM sms_outbox
		WHERE to_bidx IN (` + placeholders(n) + `) AND created_at > ? AND ` + countsTowardsCap
}

// recentUnindexedSMSQuery selects the texts without a blind index after a
// time that count towards the cap, through the same index.
const recentUnindexedSMSQuery = `SELECT id, to_number FROM sms_outbox
	WHERE to_bidx IS NULL AND created_at > ? AND ` + countsTowardsCap

// recentUnindexedSMS counts, by decrypting their numbers, the texts to a
// number after a time that have no blind index: those written before
// migration 0004 and not yet indexed by `kebabalab rekey`.
func (s *Store) recentUnindexedSMS(ctx context.Context, tx writeTx, to, after string) (
	int, error,
) {
	rows, err := tx.QueryContext(ctx, recentUnindexedSMSQuery, after, ReasonRateLimited)
	if err != nil {
		return 0, fmt.Errorf("sqlite: count recent unindexed sms: %w", err)
	}
	type sealed struct {
		id int64
		to string
	}
	var recent []sealed
	for rows.Next() {
		var r sealed
		if err := rows.Scan(&r.id, &r.to); err != nil {
			return 0, fmt.Errorf("sqlite: count recent unindexed sms: %w",
				errors.Join(err, rows.Close()))
		}
		recent = append(recent, r)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return 0, fmt.Errorf("sqlite: count recent unindexed sms: %w", err)
	}
	n := 0
	for _, r := range recent {
		if number, err := s.open("sms_outbox", "to_number", r.id, r.to); err == nil &&
			number == to {
			n++
		}
	}
	return n, nil
}

// SMSRecord returns the state of one outbox row, or ErrNotFound.
func (s *Store) SMSRecord(ctx context.Context, id int64) (SMSRecord, error) {
	return s.smsRecord(ctx, s.read, id)
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
		r, err := s.scanSMSRecord(rows)
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

func (s *Store) smsRecord(ctx context.Context, q queryer, id int64) (SMSRecord, error) {
	row := q.QueryRowContext(ctx, `SELECT `+smsColumns+` FROM sms_outbox WHERE id = ?`, id)
	r, err := s.scanSMSRecord(row)
	if errors.Is(err, sql.ErrNoRows) {
		return SMSRecord{}, ErrNotFound
	}
	return r, err
}

// scanSMSRecord reads one outbox row and opens its body. A body that does
// not decrypt is left empty with BodyUnreadable set, so one damaged row
// does not hide the state of the others; a body erased by retention is
// empty too.
func (s *Store) scanSMSRecord(row interface{ Scan(...any) error }) (SMSRecord, error) {
	var (
		r            SMSRecord
		next, sealed string
	)
	err := row.Scan(&r.ID, &r.OrderID, &r.Kind, &r.Status, &r.Attempts, &next,
		&r.LastError, &r.TwilioSID, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return SMSRecord{}, err
	}
	if err != nil {
		return SMSRecord{}, fmt.Errorf("sqlite: read sms: %w", err)
	}
	if sealed != "" {
		if r.Body, err = s.open("sms_outbox", "body", r.ID, sealed); err != nil {
			r.BodyUnreadable = true
		}
	}
	r.NextAttemptAt, err = parseTime(next)
	return r, err
}
