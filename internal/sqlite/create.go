package sqlite

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// CreateOrder stores an order, its lines and its SMS in one transaction, so
// either all of them are stored or none is.
//
// It is idempotent: when the tool call id is already stored, or the same
// call already has an order with the same cart fingerprint, it returns that
// order with created false and stores nothing. A call that already has
// MaxOrdersPerCall orders gets ErrTooManyOrders.
//
// The order number is the next of the shop day (from the store's clock),
// allocated inside the transaction. Each message's Render, when set, is
// called with the stored order, so a body can quote the number; it runs
// inside the transaction and must not block. Messages over the hourly cap
// are stored as skipped (see EnqueueSMS) and the order still succeeds.
func (s *Store) CreateOrder(ctx context.Context, n NewOrder, msgs []NewSMS) (
	o Order, created bool, err error,
) {
	if err := n.validate(); err != nil {
		return Order{}, false, err
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return Order{}, false, fmt.Errorf("sqlite: create order: begin: %w", err)
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, rollback(tx))
		}
	}()
	o, created, err = s.createOrderTx(ctx, s.prepared(tx), n, msgs)
	if err != nil {
		return Order{}, false, err
	}
	if err := tx.Commit(); err != nil {
		return Order{}, false, fmt.Errorf("sqlite: create order: commit: %w", err)
	}
	return o, created, nil
}

func (s *Store) createOrderTx(ctx context.Context, tx writeTx, n NewOrder, msgs []NewSMS) (
	Order, bool, error,
) {
	o, err := s.existingOrder(ctx, tx, n)
	if err == nil {
		return o, false, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return Order{}, false, err
	}
	if err := checkCallLimit(ctx, tx, n.CallID); err != nil {
		return Order{}, false, err
	}
	now := s.now()
	o, err = s.insertOrder(ctx, tx, n, now)
	if err != nil {
		return Order{}, false, err
	}
	if s.failAfterOrderInsert != nil {
		if err := s.failAfterOrderInsert(); err != nil {
			return Order{}, false, err
		}
	}
	for _, m := range msgs {
		m.OrderID = o.ID
		if m.Render != nil {
			m.Body = m.Render(o)
		}
		if _, err := s.insertSMS(ctx, tx, m, now); err != nil {
			return Order{}, false, err
		}
	}
	return o, true, nil
}

// The clauses existingOrder selects orders with.
const (
	whereToolCall = `WHERE tool_call_id = ?`
	whereCallCart = `WHERE call_id = ? AND cart_fingerprint = ? ORDER BY id DESC LIMIT 1`
)

// existingOrder finds the order a retried or repeated request already made.
func (s *Store) existingOrder(ctx context.Context, tx writeTx, n NewOrder) (Order, error) {
	o, err := s.loadOrder(ctx, tx, whereToolCall, n.ToolCallID)
	if err == nil || !errors.Is(err, ErrNotFound) || n.CartFingerprint == "" {
		return o, err
	}
	return s.loadOrder(ctx, tx, whereCallCart, n.CallID, n.CartFingerprint)
}

const countCallOrdersQuery = `SELECT COUNT(*) FROM orders WHERE call_id = ?`

func checkCallLimit(ctx context.Context, tx writeTx, callID string) error {
	var count int
	err := tx.QueryRowContext(ctx, countCallOrdersQuery, callID).Scan(&count)
	if err != nil {
		return fmt.Errorf("sqlite: count call orders: %w", err)
	}
	if count >= MaxOrdersPerCall {
		return ErrTooManyOrders
	}
	return nil
}

// insertOrder stores the order with empty details, then seals them to the
// row id the insert allocated (see pii.go).
func (s *Store) insertOrder(ctx context.Context, tx writeTx, n NewOrder, now time.Time) (
	Order, error,
) {
	day := now.Format("20060102")
	var seq int
	err := tx.QueryRowContext(ctx, nextDaySeqQuery, day).Scan(&seq)
	if err != nil {
		return Order{}, fmt.Errorf("sqlite: allocate order number: %w", err)
	}
	o := Order{
		Number: orderNumber(day, seq), ShopDay: day, DaySeq: seq,
		CallID: n.CallID, ToolCallID: n.ToolCallID, CartFingerprint: n.CartFingerprint,
		CustomerName: n.CustomerName, Phone: n.Phone, Notes: n.Notes, Lines: n.Lines,
		Total: n.Total, GST: n.GST, ReadyAt: n.ReadyAt.UTC(), Status: StatusPending,
		CreatedAt: now.UTC().Truncate(time.Millisecond),
	}
	o.ReadyAt = o.ReadyAt.Truncate(time.Millisecond)
	err = tx.QueryRowContext(ctx, insertOrderQuery,
		o.Number, o.ShopDay, o.DaySeq, o.CallID, o.ToolCallID, o.CartFingerprint,
		int64(o.Total), int64(o.GST),
		formatTime(o.ReadyAt), string(o.Status), formatTime(o.CreatedAt),
	).Scan(&o.ID)
	if err != nil {
		return Order{}, fmt.Errorf("sqlite: insert order: %w", err)
	}
	if err := s.sealOrderDetails(ctx, tx, o.ID, o.CustomerName, o.Phone, o.Notes); err != nil {
		return Order{}, err
	}
	return o, insertLines(ctx, tx, o.ID, o.Lines)
}

const (
	nextDaySeqQuery = `
		INSERT INTO order_counters (shop_day, last_seq) VALUES (?, 1)
		ON CONFLICT (shop_day) DO UPDATE SET last_seq = last_seq + 1
		RETURNING last_seq`
	insertOrderQuery = `
		INSERT INTO orders (order_number, shop_day, day_seq, call_id, tool_call_id,
			cart_fingerprint, customer_name, phone, notes, total_cents, gst_cents,
			ready_at, status, created_at)
		VALUES (?, ?, ?, ?, ?, ?, '', '', '', ?, ?, ?, ?, ?)
		RETURNING id`
	insertLineQuery = `
		INSERT INTO order_lines (order_id, line_no, item_name, options, quantity,
			unit_price_cents, line_total_cents, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
)

// insertLines stores an order's lines; tx should be prepared (see
// prepared.go), or each line's insert is prepared again.
func insertLines(ctx context.Context, tx writeTx, orderID int64, lines []Line) error {
	for i, l := range lines {
		_, err := tx.ExecContext(ctx, insertLineQuery, orderID, i+1, l.ItemName, l.Options,
			l.Quantity, int64(l.UnitPrice), int64(l.LineTotal), l.Detail)
		if err != nil {
			return fmt.Errorf("sqlite: insert order line %d: %w", i+1, err)
		}
	}
	return nil
}
