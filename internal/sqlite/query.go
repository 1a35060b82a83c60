package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/kebabalab/kebabalab/internal/money"
)

// queryer is what both *sql.DB and *sql.Tx offer for reading.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// OrderByNumber returns the order numbered YYYYMMDD-NNN, or ErrNotFound.
func (s *Store) OrderByNumber(ctx context.Context, number string) (Order, error) {
	return s.readOrder(ctx, `WHERE order_number = ?`, number)
}

// LastOrderByCall returns the newest order placed in a call, or ErrNotFound.
func (s *Store) LastOrderByCall(ctx context.Context, callID string) (Order, error) {
	return s.readOrder(ctx, `WHERE call_id = ? ORDER BY id DESC LIMIT 1`, callID)
}

// readOrder reads an order and its lines from one snapshot.
func (s *Store) readOrder(ctx context.Context, where string, args ...any) (Order, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Order{}, fmt.Errorf("sqlite: read order: begin: %w", err)
	}
	defer tx.Rollback() // read-only: there is nothing to undo
	o, err := s.loadOrder(ctx, tx, where, args...)
	if err != nil {
		return Order{}, err
	}
	return o, nil
}

const orderColumns = `id, order_number, shop_day, day_seq, call_id, tool_call_id,
	cart_fingerprint, customer_name, phone, notes, pii_erased_at, total_cents, gst_cents,
	ready_at, status, created_at`

// orderQuery selects an order's columns with a clause.
func orderQuery(where string) string { return `SELECT ` + orderColumns + ` FROM orders ` + where }

// loadOrder reads the order selected by where, a fixed clause from this
// package whose values are all in args, together with its lines. It is the
// one path that reads orders, so it is where their details are decrypted.
// A row whose details do not decrypt gives a *PIIError together with the
// rest of the order, details empty and DetailsUnreadable set, for the few
// callers that can do without them (the kitchen's list); every other
// caller drops the order.
func (s *Store) loadOrder(ctx context.Context, q queryer, where string, args ...any) (
	Order, error,
) {
	var (
		o              Order
		st             sealedOrder
		total, gst     int64
		ready, created string
	)
	err := q.QueryRowContext(ctx, orderQuery(where), args...).Scan(
		&o.ID, &o.Number, &o.ShopDay, &o.DaySeq, &o.CallID, &o.ToolCallID,
		&o.CartFingerprint, &st.name, &st.phone, &st.notes, &st.erased, &total, &gst,
		&ready, &o.Status, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return Order{}, ErrNotFound
	}
	if err != nil {
		return Order{}, fmt.Errorf("sqlite: read order: %w", err)
	}
	detailsErr := s.openOrder(&o, st)
	if detailsErr != nil {
		o.CustomerName, o.Phone, o.Notes, o.DetailsUnreadable = "", "", "", true
	}
	o.Total, o.GST = money.Cents(total), money.Cents(gst)
	if o.ReadyAt, err = parseTime(ready); err != nil {
		return Order{}, err
	}
	if o.CreatedAt, err = parseTime(created); err != nil {
		return Order{}, err
	}
	if o.Lines, err = loadLines(ctx, q, o.ID); err != nil {
		return Order{}, err
	}
	return o, detailsErr
}

const linesQuery = `
		SELECT item_name, options, quantity, unit_price_cents, line_total_cents, detail
		FROM order_lines WHERE order_id = ? ORDER BY line_no`

func loadLines(ctx context.Context, q queryer, orderID int64) ([]Line, error) {
	rows, err := q.QueryContext(ctx, linesQuery, orderID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: read order lines: %w", err)
	}
	defer rows.Close()
	var lines []Line
	for rows.Next() {
		var (
			l           Line
			unit, total int64
		)
		err := rows.Scan(&l.ItemName, &l.Options, &l.Quantity, &unit, &total, &l.Detail)
		if err != nil {
			return nil, fmt.Errorf("sqlite: read order line: %w", err)
		}
		l.UnitPrice, l.LineTotal = money.Cents(unit), money.Cents(total)
		lines = append(lines, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: read order lines: %w", err)
	}
	return lines, nil
}
