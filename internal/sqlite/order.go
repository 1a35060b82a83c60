package sqlite

import (
	"fmt"
	"strings"
	"time"

	"github.com/kebabalab/kebabalab/internal/money"
)

// MaxOrdersPerCall is how many orders one call may place.
const MaxOrdersPerCall = 3

// Status is where an order is in the shop.
type Status string

// Order statuses, in the order a normal order passes through them.
const (
	StatusPending   Status = "pending"
	StatusPreparing Status = "preparing"
	StatusReady     Status = "ready"
	StatusCollected Status = "collected"
	StatusCancelled Status = "cancelled"
)

// Line is one line of an order, priced by the caller from the menu.
type Line struct {
	ItemName  string
	Options   string // human-readable options, e.g. "large, lamb, garlic"
	Quantity  int
	UnitPrice money.Cents
	LineTotal money.Cents
	// Detail is the cart's own encoding of the line, stored verbatim so a
	// repeat order can rebuild it; the store does not read it.
	Detail string
}

// NewOrder is an order to store. Prices, GST and phone normalisation are
// the caller's job; the store keeps what it is given byte for byte.
type NewOrder struct {
	CallID     string
	ToolCallID string
	// CartFingerprint identifies the cart's contents; a second order in
	// the same call with the same fingerprint returns the first one.
	// Empty disables that check.
	CartFingerprint string
	CustomerName    string
	Phone           string // E.164
	Notes           string
	Lines           []Line
	Total           money.Cents
	GST             money.Cents
	ReadyAt         time.Time
}

// Order is a stored order.
type Order struct {
	ID              int64
	Number          string // YYYYMMDD-NNN
	ShopDay         string // YYYYMMDD
	DaySeq          int
	CallID          string
	ToolCallID      string
	CartFingerprint string
	CustomerName    string
	Phone           string
	Notes           string
	// DetailsUnreadable is set, with CustomerName, Phone and Notes empty,
	// on the rows ListOrders and ChangeStatus return for an order whose
	// details do not decrypt (see PIIError); other reads refuse such a row.
	DetailsUnreadable bool
	Lines             []Line
	Total             money.Cents
	GST               money.Cents
	ReadyAt           time.Time // UTC
	Status            Status
	CreatedAt         time.Time // UTC
}

// DisplayNumber is the short number staff call out: "#007".
func (o Order) DisplayNumber() string {
	return fmt.Sprintf("#%03d", o.DaySeq)
}

// orderNumber formats a shop day and its sequence as YYYYMMDD-NNN. Past 999
// orders in a day the sequence simply grows a digit.
func orderNumber(shopDay string, seq int) string {
	return fmt.Sprintf("%s-%03d", shopDay, seq)
}

func (n NewOrder) validate() error {
	var missing []string
	if n.CallID == "" {
		missing = append(missing, "call id")
	}
	if n.ToolCallID == "" {
		missing = append(missing, "tool call id")
	}
	if len(n.Lines) == 0 {
		missing = append(missing, "lines")
	}
	if len(missing) > 0 {
		return fmt.Errorf("sqlite: create order: missing %s", strings.Join(missing, ", "))
	}
	return nil
}

// timeLayout is fixed width, so stored times sort as text.
const timeLayout = "2006-01-02T15:04:05.000Z"

func formatTime(t time.Time) string {
	return t.UTC().Format(timeLayout)
}

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("sqlite: stored time: %w", err)
	}
	return t, nil
}
