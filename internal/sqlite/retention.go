package sqlite

import (
	"context"
	"fmt"
	"time"
)

// eraseBatch is how many rows one retention transaction erases.
const eraseBatch = 500

// Erased counts the rows one retention run erased.
type Erased struct {
	Orders int64 // orders whose name, phone and notes were removed
	Texts  int64 // outbox rows whose number, its index and body were removed
}

// ErasePersonalData removes the customer's details from every order created
// before cutoff, and the number, its blind index and the body from every
// finished text queued before it, in small transactions. Totals, lines,
// dates and statuses stay for the books; an erased order is no longer found
// by phone number.
// Texts still waiting to be sent are left alone until they finish.
//
// It is idempotent: erased rows are not selected again, so running it
// daily erases each row once.
func (s *Store) ErasePersonalData(ctx context.Context, cutoff time.Time) (Erased, error) {
	now, before := formatTime(s.now()), formatTime(cutoff)
	var (
		e   Erased
		err error
	)
	e.Orders, err = s.eraseBatches(ctx, `
		UPDATE orders
		SET customer_name = '', phone = '', notes = '', phone_bidx = NULL, pii_erased_at = ?1
		WHERE id IN (SELECT id FROM orders
			WHERE created_at < ?2 AND pii_erased_at IS NULL LIMIT ?3)`, now, before)
	if err != nil {
		return e, err
	}
	e.Texts, err = s.eraseBatches(ctx, `
		UPDATE sms_outbox SET to_number = '', body = '', to_bidx = NULL, updated_at = ?1
		WHERE id IN (SELECT id FROM sms_outbox
			WHERE created_at < ?2 AND to_number <> ''
				AND status NOT IN ('pending', 'sending') LIMIT ?3)`, now, before)
	if err != nil {
		return e, err
	}
	if e.Orders+e.Texts > 0 {
		// secure_delete has zeroed the old values in the pages; emptying
		// the WAL also drops older copies of those pages. Readers can hold
		// it back, so this is best effort: the next checkpoint finishes it.
		if _, err := s.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			s.log.Warn("checkpoint after retention failed", "error", err.Error())
		}
	}
	return e, nil
}

// eraseBatches runs one erasing UPDATE until it changes no row.
func (s *Store) eraseBatches(ctx context.Context, stmt, now, before string) (int64, error) {
	var total int64
	for {
		res, err := s.write.ExecContext(ctx, stmt, now, before, eraseBatch)
		if err != nil {
			return total, fmt.Errorf("sqlite: erase personal data: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, fmt.Errorf("sqlite: erase personal data: %w", err)
		}
		if n == 0 {
			return total, nil
		}
		total += n
	}
}
