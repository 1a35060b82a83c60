package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Orders are found by phone number through the blind index (pii.go), never
// by the number: the file does not hold it. An index is computed under
// every configured index key, so rows indexed before a key rotation are
// found too, and the number must already be normalised to E.164, exactly
// as when the order was stored.

// LastOrderByPhone returns the newest order for an E.164 number, whatever
// its status, or ErrNotFound. Orders whose details retention erased are no
// longer linked to the number.
//
// The candidate's decrypted number must equal e164: a blind index copied
// onto another row can therefore never return someone else's order. A
// candidate that does not decrypt is logged and passed over; when no
// candidate is left, its *PIIError is returned rather than ErrNotFound.
func (s *Store) LastOrderByPhone(ctx context.Context, e164 string) (Order, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Order{}, fmt.Errorf("sqlite: read order: begin: %w", err)
	}
	defer tx.Rollback() // read-only: there is nothing to undo
	ids, err := s.idsByPhone(ctx, tx, e164)
	if err != nil {
		return Order{}, err
	}
	var undecryptable error
	for _, id := range ids {
		o, err := s.loadOrder(ctx, tx, `WHERE id = ?`, id)
		switch {
		case errors.Is(err, ErrUndecryptable):
			undecryptable = err
		case err != nil:
			return Order{}, err
		case o.Phone == e164:
			return o, nil
		default:
			s.log.Error("blind index does not match the stored number; order passed over",
				"table", "orders", "row_id", id)
		}
	}
	if undecryptable != nil {
		return Order{}, undecryptable
	}
	return Order{}, ErrNotFound
}

// CountOrdersByPhone returns how many orders an E.164 number has placed
// whose details retention has not erased.
func (s *Store) CountOrdersByPhone(ctx context.Context, e164 string) (int, error) {
	idx := s.keys.BlindIndexes(e164)
	args := make([]any, len(idx))
	for i, v := range idx {
		args[i] = v
	}
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM orders
		WHERE phone_bidx IN (`+placeholders(len(args))+`)`, args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqlite: count orders by phone: %w", err)
	}
	return n, nil
}

// idsByPhone returns the ids of the orders indexed under e164, newest first.
func (s *Store) idsByPhone(ctx context.Context, q queryer, e164 string) ([]int64, error) {
	idx := s.keys.BlindIndexes(e164)
	args := make([]any, len(idx))
	for i, v := range idx {
		args[i] = v
	}
	rows, err := q.QueryContext(ctx, `SELECT id FROM orders
		WHERE phone_bidx IN (`+placeholders(len(args))+`) ORDER BY id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find orders by phone: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: find orders by phone: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find orders by phone: %w", err)
	}
	return ids, nil
}
