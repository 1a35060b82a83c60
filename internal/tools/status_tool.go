package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kebabalab/kebabalab/internal/phone"
	"github.com/kebabalab/kebabalab/internal/pickup"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// Sentences of getOrderStatus.
const (
	msgAskStatusNumber = "I can't find an order from this number today. " +
		"What's the order number? It's in the confirmation text."
	msgBadOrderNumber = "Order numbers are up to four digits, like 42. " +
		"What's the number on the confirmation?"
)

// queueTimeout bounds the count behind the ready-time estimate; the
// estimate does without it rather than hold up the call.
const queueTimeout = time.Second

// shortNumber matches what a caller says an order number is: "42", "#042",
// "order 42"; fullNumber matches the reference on the text, "20261203-042".
var (
	shortNumber = regexp.MustCompile(`^(?:order\s*)?(?:number\s*)?#?\s*(\d{1,4})$`)
	fullNumber  = regexp.MustCompile(`^(\d{8})-(\d{3,4})$`)
)

func statusTools(d Deps) []Tool {
	return []Tool{{
		Name: "getOrderStatus",
		Description: "When a caller asks about an order they already placed (\"is my " +
			"order ready?\"): tells its status and when it will be or was ready. " +
			"Without an order number it finds this caller's latest order today. Say " +
			"the returned message.",
		Parameters: Object(map[string]any{
			"orderNumber": str("The order number if the caller gives one, e.g. \"42\"."),
		}),
		Handle: d.getOrderStatus,
	}}
}

type orderStatus struct {
	OK                 bool   `json:"ok"`
	OrderNumber        string `json:"orderNumber"`
	DisplayOrderNumber string `json:"displayOrderNumber"`
	Status             string `json:"status"`
	// ReadyAt is when the order became ready, once it has; before that,
	// when it is expected to be.
	ReadyAt    string `json:"readyAt"`
	ReadyAtISO string `json:"readyAtIso"`
	Message    string `json:"message"`
}

// getOrderStatus answers "is my order ready?". It says nothing of the
// order's contents or customer: a caller id can be spoofed and an order
// number guessed, so only status and time are given.
func (d Deps) getOrderStatus(ctx context.Context, c *Call, raw json.RawMessage) (any, error) {
	var a struct {
		OrderNumber string `json:"orderNumber"`
	}
	if err := decodeArgs(raw, &a); err != nil {
		return nil, err
	}
	number, err := d.statusNumber(ctx, c, a.OrderNumber)
	if err != nil {
		return nil, err
	}
	t, err := d.Store.TrackOrder(ctx, number)
	if isNotFound(err) {
		return nil, Refuse("I can't find order number %s from today. "+
			"Could you check the number on the confirmation text?", displayDigits(number))
	}
	if err != nil {
		return nil, err
	}
	return d.statusResult(t), nil
}

// statusNumber works out which order the caller means: the number they
// gave (today's when it is short), else this call's order, else the
// caller number's latest order today.
func (d Deps) statusNumber(ctx context.Context, c *Call, given string) (string, error) {
	today := d.Clock.Now().Format("20060102")
	given = strings.ToLower(strings.TrimSpace(given))
	if given != "" {
		if m := fullNumber.FindStringSubmatch(given); m != nil {
			return given, nil
		}
		m := shortNumber.FindStringSubmatch(given)
		if m == nil {
			return "", Refuse(msgBadOrderNumber)
		}
		seq, _ := strconv.Atoi(m[1]) // at most four digits
		return fmt.Sprintf("%s-%03d", today, seq), nil
	}
	o, placed, err := d.callOrder(ctx, c.ID)
	if err != nil {
		return "", err
	}
	if !placed {
		o, err = d.lastOrderOfCaller(ctx, c.CallerNumber)
		if isNotFound(err) {
			return "", Refuse(msgAskStatusNumber)
		}
		if err != nil {
			return "", err
		}
	}
	if o.ShopDay != today {
		return "", Refuse(msgAskStatusNumber)
	}
	return o.Number, nil
}

func (d Deps) lastOrderOfCaller(ctx context.Context, caller string) (sqlite.Order, error) {
	number, err := phone.Normalize(caller)
	if err != nil {
		return sqlite.Order{}, sqlite.ErrNotFound
	}
	return d.Store.LastOrderByPhone(ctx, number)
}

// statusResult puts an order's status into words for the assistant.
func (d Deps) statusResult(t sqlite.Tracked) orderStatus {
	ready := d.inShopTime(t.ReadyAt)
	if t.Status == sqlite.StatusReady || t.Status == sqlite.StatusCollected {
		ready = d.inShopTime(t.StatusChangedAt)
	}
	r := orderStatus{OK: true, OrderNumber: t.Number, DisplayOrderNumber: t.DisplayNumber(),
		Status: string(t.Status), ReadyAt: pickup.Spoken(ready),
		ReadyAtISO: ready.Format(time.RFC3339)}
	n := fmt.Sprintf("Order number %d", t.DaySeq)
	late := d.Clock.Now().After(ready)
	switch {
	case t.Status == sqlite.StatusReady:
		r.Message = n + " is ready for pickup now."
	case t.Status == sqlite.StatusCollected:
		r.Message = n + " has already been picked up."
	case t.Status == sqlite.StatusCancelled:
		r.Message = n + " was cancelled. The shop can tell you more if that's unexpected."
	case late:
		r.Message = fmt.Sprintf("%s is still being made; it's running a little behind "+
			"the %s we said. Sorry for the wait.", n, r.ReadyAt)
	case t.Status == sqlite.StatusPreparing:
		r.Message = fmt.Sprintf("%s is being made now and should be ready at %s.", n,
			r.ReadyAt)
	default:
		r.Message = fmt.Sprintf("%s is in the queue and should be ready at %s.", n,
			r.ReadyAt)
	}
	return r
}

// displayDigits is the part of an order number a caller says: "42".
func displayDigits(number string) string {
	_, seq, _ := strings.Cut(number, "-")
	if n, err := strconv.Atoi(seq); err == nil {
		return strconv.Itoa(n)
	}
	return seq
}

// queuedOrders counts today's orders the kitchen has not finished, for the
// ready-time estimate. Without a store, or when the count fails, the
// estimate leaves the queue out rather than refuse a pickup time.
func (d Deps) queuedOrders() int {
	if d.Store == nil {
		return 0
	}
	ctx, cancel := context.WithTimeout(context.Background(), queueTimeout)
	defer cancel()
	n, err := d.Store.CountQueued(ctx, d.Clock.Now().Format("20060102"))
	if err != nil {
		d.Log.Warn("count queued orders failed; estimate leaves the queue out",
			"error", err.Error())
		return 0
	}
	return n
}
