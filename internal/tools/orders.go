package tools

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/kebabalab/kebabalab/internal/cart"
	"github.com/kebabalab/kebabalab/internal/phone"
	"github.com/kebabalab/kebabalab/internal/pickup"
	"github.com/kebabalab/kebabalab/internal/sms"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// Sentences for orders that cannot be placed yet.
const (
	msgEmptyCart = "The cart is empty; add something first, then place the order."
	msgNoPickup  = "Please set a pickup time first with setPickupTime or estimateReadyTime, " +
		"then place the order."
	msgPickupPast = "The pickup time we agreed has passed; please set it again with " +
		"setPickupTime or estimateReadyTime, then place the order."
	msgAskOrderNumber = "What's the best phone number for the order? " +
		"A mobile starting with 04 lets us text you a confirmation."
)

func orderTools(d Deps) []Tool {
	return []Tool{
		{
			Name: "createOrder",
			Description: "Place the order once the caller has confirmed the items and the " +
				"total (read them back with getOrderSummary) and a pickup time is set. Ask " +
				"for the caller's name first. The number defaults to the one they are " +
				"calling from; ask for one only if they want another or it is withheld. " +
				"Prices come from the cart; never pass any. Call it once: calling again " +
				"with the same cart returns the same order. Say the returned message.",
			Parameters: Object(map[string]any{
				"customerName": str("The caller's name for the order, as they " +
					"said it."),
				"customerPhone": str("Only if the caller gives a number other " +
					"than the one they are calling from, e.g. \"0412 345 678\"."),
				"notes": str("Anything the kitchen should know, up to 200 " +
					"characters."),
				"sendSMS": Schema{"type": "boolean",
					"description": "Text the caller a confirmation; default true."},
			}, "customerName"),
			Handle: d.createOrder,
		},
		{
			Name: "getCallerSmartContext",
			Description: "Call at the start of the call, after checkOpen. Tells whether the " +
				"caller has ordered before, what they last had, and a greeting to use. " +
				"Offer repeatLastOrder when canRepeatOrder is true.",
			Handle: d.getCallerSmartContext,
		},
		{
			Name: "repeatLastOrder",
			Description: "When the caller wants the same as last time: adds the items of " +
				"their last order to the cart at today's prices and says which are no " +
				"longer on the menu. Confirm the items and new total with the caller.",
			Parameters: Object(map[string]any{
				"phoneNumber": str("Only if the last order was under a number " +
					"other than the one they are calling from."),
			}),
			Handle: d.repeatLastOrder,
		},
		{
			Name: "sendReceipt",
			Description: "Only when the caller asks for a receipt after the order is " +
				"placed: texts a receipt of this call's order, with GST, to their mobile.",
			Parameters: Object(map[string]any{
				"phoneNumber": str("Only if they want it sent to a mobile other " +
					"than the one they are calling from."),
			}),
			Handle: d.sendReceipt,
		},
		{
			Name: "sendMenuLink",
			Description: "When the caller would like to read the menu: texts a link to it " +
				"to their mobile.",
			Parameters: Object(map[string]any{
				"phoneNumber": str("Only if they want it sent to a mobile other " +
					"than the one they are calling from."),
			}),
			Handle: d.sendMenuLink,
		},
	}
}

type createArgs struct {
	CustomerName  string `json:"customerName"`
	CustomerPhone string `json:"customerPhone"`
	Notes         string `json:"notes"`
	SendSMS       Bool   `json:"sendSMS"`
}

// orderPlaced is createOrder's result. It is built from the stored order
// alone, so a retried or repeated call gets the same answer.
type orderPlaced struct {
	OK                 bool    `json:"ok"`
	OrderNumber        string  `json:"orderNumber"`
	DisplayOrderNumber string  `json:"displayOrderNumber"`
	Total              float64 `json:"total"`
	ReadyAt            string  `json:"readyAt"`
	ReadyAtISO         string  `json:"readyAtIso"`
	SMSQueued          bool    `json:"smsQueued"`
	Message            string  `json:"message"`
}

// createOrder checks the order's details, stores it with its texts in one
// transaction and empties the cart.
//
// The cart is emptied so that what the caller adds afterwards is a new
// order and not the first one again. A createOrder that finds the cart
// empty after this call's order therefore answers with that order: it is
// the model asking again about the same cart. A retry of the same tool
// call gets its stored order back before anything is checked.
func (d Deps) createOrder(ctx context.Context, c *Call, raw json.RawMessage) (any, error) {
	var a createArgs
	if err := decodeArgs(raw, &a); err != nil {
		return nil, err
	}
	prev, placed, err := d.callOrder(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	st := c.State
	switch {
	case placed && prev.ToolCallID == c.ToolCallID:
		return d.placedResult(ctx, prev)
	case st.Cart.Len() == 0 && placed:
		return d.placedResult(ctx, prev)
	case st.Cart.Len() == 0:
		return nil, Refuse(msgEmptyCart)
	case st.Pickup.IsZero():
		return nil, Refuse(msgNoPickup)
	case st.Pickup.Before(d.Clock.Now()):
		return nil, Refuse(msgPickupPast)
	}
	n, err := d.newOrder(c, a)
	if err != nil {
		return nil, err
	}
	o, created, err := d.Store.CreateOrder(ctx, n, d.orderTexts(n.Phone, a.SendSMS))
	if errors.Is(err, sqlite.ErrTooManyOrders) {
		return nil, Refuse("This call has already placed %d orders, the most one call can; "+
			"please call again for another.", sqlite.MaxOrdersPerCall)
	}
	if err != nil {
		return nil, err
	}
	if created {
		d.notify()
		d.Log.InfoContext(ctx, "order placed", "call_id", c.ID, "order", o.Number)
	}
	st.Cart.Clear()
	return d.placedResult(ctx, o)
}

// callOrder returns the newest order of the call, if it has one.
func (d Deps) callOrder(ctx context.Context, callID string) (sqlite.Order, bool, error) {
	if callID == "" {
		return sqlite.Order{}, false, nil
	}
	o, err := d.Store.LastOrderByCall(ctx, callID)
	if errors.Is(err, sqlite.ErrNotFound) {
		return sqlite.Order{}, false, nil
	}
	return o, err == nil, err
}

// newOrder checks the caller's details and prices the cart from the menu.
// Nothing the arguments say about money is read.
func (d Deps) newOrder(c *Call, a createArgs) (sqlite.NewOrder, error) {
	name, err := customerName(a.CustomerName)
	if err != nil {
		return sqlite.NewOrder{}, err
	}
	number, err := contactNumber(a.CustomerPhone, c.CallerNumber, msgAskOrderNumber)
	if err != nil {
		return sqlite.NewOrder{}, err
	}
	notes, err := orderNotes(a.Notes)
	if err != nil {
		return sqlite.NewOrder{}, err
	}
	p := c.State.Cart.Price(d.Menu)
	lines, err := storedLines(p)
	if err != nil {
		return sqlite.NewOrder{}, err
	}
	return sqlite.NewOrder{
		CallID: c.ID, ToolCallID: c.ToolCallID, CartFingerprint: c.State.Cart.Fingerprint(),
		CustomerName: name, Phone: number, Notes: notes, Lines: lines,
		Total: p.Total, GST: p.GST, ReadyAt: c.State.Pickup,
	}, nil
}

// storedLines turns the priced cart into order lines. Each keeps its
// cart.Spec as JSON, from which repeatLastOrder rebuilds it.
func storedLines(p cart.Priced) ([]sqlite.Line, error) {
	lines := make([]sqlite.Line, len(p.Lines))
	for i, l := range p.Lines {
		spec, err := json.Marshal(l.Spec())
		if err != nil {
			return nil, fmt.Errorf("encode line spec: %w", err)
		}
		lines[i] = sqlite.Line{ItemName: l.Name, Options: l.Details, Quantity: l.Quantity,
			UnitPrice: l.Unit, LineTotal: l.Amount, Detail: string(spec)}
	}
	return lines, nil
}

// orderTexts are the texts stored with the order: the customer's, when
// they want one and gave a mobile, and the shop's, when it has a number.
// Their bodies are rendered from the stored order, once it has a number.
func (d Deps) orderTexts(to string, want Bool) []sqlite.NewSMS {
	var msgs []sqlite.NewSMS
	if (!want.Set || want.Value) && phone.IsMobile(to) {
		msgs = append(msgs, sqlite.NewSMS{Kind: sqlite.KindOrderCustomer, To: to,
			Render: func(o sqlite.Order) string { return sms.CustomerText(d.smsOrder(o)) }})
	}
	if d.ShopSMSTo != "" {
		msgs = append(msgs, sqlite.NewSMS{Kind: sqlite.KindOrderShop, To: d.ShopSMSTo,
			Render: func(o sqlite.Order) string { return sms.ShopText(d.smsOrder(o)) }})
	}
	return msgs
}

// placedResult is the answer for a stored order.
func (d Deps) placedResult(ctx context.Context, o sqlite.Order) (orderPlaced, error) {
	queued, err := d.customerTexted(ctx, o.ID)
	if err != nil {
		return orderPlaced{}, err
	}
	ready := d.inShopTime(o.ReadyAt)
	r := orderPlaced{
		OK: true, OrderNumber: o.Number, DisplayOrderNumber: o.DisplayNumber(),
		Total: o.Total.Dollars(), ReadyAt: pickup.Spoken(ready),
		ReadyAtISO: ready.Format(time.RFC3339), SMSQueued: queued,
	}
	r.Message = fmt.Sprintf("Your order is confirmed. Your order number is %d. "+
		"The total is %s, and it will be ready for pickup at %s.",
		o.DaySeq, o.Total.Spoken(), r.ReadyAt)
	if queued {
		r.Message += fmt.Sprintf(" We'll text a confirmation to the mobile ending in %s.",
			phone.Last3(o.Phone))
	}
	return r, nil
}

// customerTexted reports whether the order's confirmation was queued for
// the customer; one over the hourly cap was not.
func (d Deps) customerTexted(ctx context.Context, orderID int64) (bool, error) {
	recs, err := d.Store.SMSRecordsForOrder(ctx, orderID)
	if err != nil {
		return false, err
	}
	for _, r := range recs {
		if r.Kind == sqlite.KindOrderCustomer {
			limited := r.Status == sqlite.SMSSkipped && r.LastError == sqlite.ReasonRateLimited
			return !limited, nil
		}
	}
	return false, nil
}

func (d Deps) inShopTime(t time.Time) time.Time {
	return t.In(d.Menu.Shop().Location)
}
