package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// MaxListedOrders bounds one ListOrders answer: far more than a shop day
// holds, so it only guards against a runaway query.
const MaxListedOrders = 1000

// OrderFilter selects orders for ListOrders.
type OrderFilter struct {
	ShopDay  string   // YYYYMMDD, shop time; required
	Statuses []Status // any of these; none means every status
}

// ListOrders returns the orders of a shop day, oldest first, with the time
// each one's status last changed.
//
// It selects the ids first and then reads each order through the same path
// as every other order read, so customer details are decoded in one place.
// An order whose details do not decrypt is listed with DetailsUnreadable
// set and no details, so one damaged row never hides the kitchen's queue.
// That is one query per order; in-process SQLite answers each in
// microseconds, and a shop day holds hundreds of orders at most.
func (s *Store) ListOrders(ctx context.Context, f OrderFilter) ([]Tracked, error) {
	where, args := f.clause()
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("sqlite: list orders: begin: %w", err)
	}
	defer tx.Rollback() // read-only: there is nothing to undo
	ids, err := orderIDs(ctx, tx, where, args)
	if err != nil {
		return nil, err
	}
	out := make([]Tracked, 0, len(ids))
	for _, id := range ids {
		t, err := s.loadTracked(ctx, tx, `WHERE id = ?`, id)
		if err != nil && !errors.Is(err, ErrUndecryptable) {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// clause builds the WHERE clause from fixed fragments; every value is a
// bound argument.
func (f OrderFilter) clause() (string, []any) {
	where := `WHERE shop_day = ?`
	args := []any{f.ShopDay}
	if len(f.Statuses) > 0 {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(f.Statuses)), ", ")
		where += ` AND status IN (` + marks + `)`
		for _, st := range f.Statuses {
			args = append(args, string(st))
		}
	}
	return where, args
}

func orderIDs(ctx context.Context, q queryer, where string, args []any) ([]int64, error) {
	rows, err := q.QueryContext(ctx,
		`SELECT id FROM orders `+where+` ORDER BY id LIMIT ?`,
		append(args, MaxListedOrders)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list orders: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: list orders: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: list orders: %w", err)
	}
	return ids, nil
}

// TrackOrder returns the order numbered YYYYMMDD-NNN with the time its
// status last changed, or ErrNotFound. An order whose details do not
// decrypt is returned as ListOrders lists it, DetailsUnreadable set,
// together with an error wrapping ErrUndecryptable: its status and items
// are still the kitchen's to see.
func (s *Store) TrackOrder(ctx context.Context, number string) (Tracked, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Tracked{}, fmt.Errorf("sqlite: track order: begin: %w", err)
	}
	defer tx.Rollback() // read-only: there is nothing to undo
	t, err := s.loadTracked(ctx, tx, `WHERE order_number = ?`, number)
	if err != nil && !errors.Is(err, ErrUndecryptable) {
		return Tracked{}, err
	}
	return t, err
}

// CountQueued returns how many orders of a shop day the kitchen has not
// finished: pending or preparing. The ready-time estimate adds to it.
func (s *Store) CountQueued(ctx context.Context, shopDay string) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `
		SELECT COUNT(*) FROM orders
		WHERE shop_day = ? AND status IN ('pending', 'preparing')`, shopDay).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqlite: count queued orders: %w", err)
	}
	return n, nil
}

// LastOrderID returns the id of the newest order, 0 when there is none.
// The kitchen board polls it to notice new orders; it is one index probe.
func (s *Store) LastOrderID(ctx context.Context) (int64, error) {
	var id int64
	err := s.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM orders`).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("sqlite: last order id: %w", err)
	}
	return id, nil
}
