package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// KindOrderReady is the text telling a customer their order is ready.
const KindOrderReady SMSKind = "order_ready"

// Errors of ChangeStatus. Both leave the order as it was.
var (
	// ErrIllegalTransition means the order's status cannot move to the one
	// asked for, such as collected to preparing.
	ErrIllegalTransition = errors.New("sqlite: illegal status change")
	// ErrStaleStatus means the order no longer has the status the request
	// was based on: another screen moved it first.
	ErrStaleStatus = errors.New("sqlite: order status changed meanwhile")
)

// transitions lists where each status may go. Orders only move forward; a
// cancel is allowed until the order is collected.
var transitions = map[Status][]Status{
	StatusPending:   {StatusPreparing, StatusCancelled},
	StatusPreparing: {StatusReady, StatusCancelled},
	StatusReady:     {StatusCollected, StatusCancelled},
}

// CanChangeStatus reports whether an order may move from one status to
// another.
func CanChangeStatus(from, to Status) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// NextStatus is the status one tap moves an order to, or "" when its
// lifecycle is over.
func NextStatus(s Status) Status {
	if next := transitions[s]; len(next) > 0 {
		return next[0]
	}
	return ""
}

// Valid reports whether s is one of the stored statuses.
func (s Status) Valid() bool {
	switch s {
	case StatusPending, StatusPreparing, StatusReady, StatusCollected, StatusCancelled:
		return true
	}
	return false
}

// Tracked is an order with the time its status last changed.
type Tracked struct {
	Order
	StatusChangedAt time.Time // UTC
}

// StatusChange asks for an order to move to another status.
type StatusChange struct {
	Number string // YYYYMMDD-NNN
	To     Status
	// From, when set, is the status the requester saw. The change is made
	// only if the order still has it, so a tap on a stale screen changes
	// nothing.
	From Status
	// ReadyText renders the customer's text when the order becomes ready.
	// It runs inside the transaction and must not block. The text is
	// queued only for an order whose customer was sent a confirmation: it
	// went to a mobile and the caller did not decline texts.
	ReadyText func(Order) string
}

// ChangeStatus moves an order to another status in one transaction: it
// reads the order, checks the move, compares and sets the status, and,
// when the order becomes ready, queues the customer's text in the outbox.
//
// It returns ErrNotFound for an unknown number, ErrStaleStatus when From no
// longer matches, and ErrIllegalTransition for a move the lifecycle does
// not allow. With the last two it also returns the order as it stands, so
// the caller can say what happened to it. An order whose details do not
// decrypt changes status all the same, without a ready text.
func (s *Store) ChangeStatus(ctx context.Context, c StatusChange) (t Tracked, err error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return Tracked{}, fmt.Errorf("sqlite: change status: begin: %w", err)
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, rollback(tx))
		}
	}()
	t, err = s.changeStatusTx(ctx, tx, c)
	if err != nil {
		return t, err
	}
	if err := tx.Commit(); err != nil {
		return Tracked{}, fmt.Errorf("sqlite: change status: commit: %w", err)
	}
	return t, nil
}

func (s *Store) changeStatusTx(ctx context.Context, tx *sql.Tx, c StatusChange) (
	Tracked, error,
) {
	// An order whose details do not decrypt still moves through the
	// kitchen; only its ready text, which needs the number, is not queued.
	t, err := s.loadTracked(ctx, tx, `WHERE order_number = ?`, c.Number)
	if err != nil && !errors.Is(err, ErrUndecryptable) {
		return Tracked{}, err
	}
	switch {
	case c.From != "" && t.Status != c.From:
		return t, ErrStaleStatus
	case !CanChangeStatus(t.Status, c.To):
		return t, ErrIllegalTransition
	}
	now := s.now()
	res, err := tx.ExecContext(ctx, `
		UPDATE orders SET status = ?, status_changed_at = ?
		WHERE id = ? AND status = ?`,
		string(c.To), formatTime(now), t.ID, string(t.Status))
	if err != nil {
		return Tracked{}, fmt.Errorf("sqlite: change status: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		// The write lock is held since BEGIN, so this cannot happen; if it
		// did, nothing is changed.
		return t, errors.Join(ErrStaleStatus, err)
	}
	t.Status, t.StatusChangedAt = c.To, now.UTC().Truncate(time.Millisecond)
	if c.To == StatusReady && c.ReadyText != nil && !t.DetailsUnreadable {
		if err := s.queueReadyText(ctx, tx, t.Order, c.ReadyText, now); err != nil {
			return Tracked{}, err
		}
	}
	return t, nil
}

// queueReadyText queues the ready text of an order whose customer was
// sent a confirmation. Over the number's hourly cap it is stored as
// skipped, like any text (see EnqueueSMS).
func (s *Store) queueReadyText(ctx context.Context, tx *sql.Tx, o Order,
	render func(Order) string, now time.Time,
) error {
	var confirmed bool
	err := tx.QueryRowContext(ctx, `
		SELECT EXISTS (SELECT 1 FROM sms_outbox WHERE order_id = ? AND kind = ?)`,
		o.ID, string(KindOrderCustomer)).Scan(&confirmed)
	if err != nil {
		return fmt.Errorf("sqlite: find order confirmation: %w", err)
	}
	if !confirmed {
		return nil
	}
	_, err = s.insertSMS(ctx, tx, NewSMS{Kind: KindOrderReady, To: o.Phone, Body: render(o),
		OrderID: o.ID}, now)
	return err
}

// changedColumn reads status_changed_at, which is empty for an order whose
// status has not changed since it was placed.
const changedColumn = `COALESCE(NULLIF(status_changed_at, ''), created_at)`

// loadTracked reads an order through loadOrder, the one path that reads
// customer details, and then when its status last changed. Like loadOrder
// it returns an order whose details do not decrypt with its *PIIError.
func (s *Store) loadTracked(ctx context.Context, q queryer, where string, args ...any) (
	Tracked, error,
) {
	o, detailsErr := s.loadOrder(ctx, q, where, args...)
	if detailsErr != nil && !errors.Is(detailsErr, ErrUndecryptable) {
		return Tracked{}, detailsErr
	}
	var changed string
	err := q.QueryRowContext(ctx,
		`SELECT `+changedColumn+` FROM orders WHERE id = ?`, o.ID).Scan(&changed)
	if err != nil {
		return Tracked{}, fmt.Errorf("sqlite: read status time: %w", err)
	}
	t := Tracked{Order: o}
	if t.StatusChangedAt, err = parseTime(changed); err != nil {
		return Tracked{}, err
	}
	return t, detailsErr
}
