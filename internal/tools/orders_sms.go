package tools

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/kebabalab/kebabalab/internal/phone"
	"github.com/kebabalab/kebabalab/internal/pickup"
	"github.com/kebabalab/kebabalab/internal/sms"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// Sentences of the texting tools.
const (
	msgNoCallOrder = "No order has been placed on this call yet; place the order with " +
		"createOrder first, then I can text a receipt."
	msgNoMenuLink = "Sorry, we don't have a menu link to text at the moment; " +
		"I can tell you what's on the menu instead."
	msgTextLimit = "We've already sent that number several texts in the last hour, " +
		"so I can't send another just now."
)

type numberArgs struct {
	PhoneNumber string `json:"phoneNumber"`
}

type textQueued struct {
	OK      bool   `json:"ok"`
	Message string `json:"message"`
}

// sendReceipt texts a receipt of the call's newest order. It goes to the
// number given, else the caller's mobile, else the number on the order
// (when the caller id is withheld and the caller gave one for the order).
func (d Deps) sendReceipt(ctx context.Context, c *Call, raw json.RawMessage) (any, error) {
	var a numberArgs
	if err := decodeArgs(raw, &a); err != nil {
		return nil, err
	}
	o, placed, err := d.callOrder(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if !placed {
		return nil, Refuse(msgNoCallOrder)
	}
	to, err := mobileNumber(a.PhoneNumber, c.CallerNumber)
	if err != nil && strings.TrimSpace(a.PhoneNumber) == "" && phone.IsMobile(o.Phone) {
		to, err = o.Phone, nil
	}
	if err != nil {
		return nil, err
	}
	body := sms.ReceiptText(d.smsOrder(o))
	if err := d.queueText(ctx, sqlite.NewSMS{Kind: sqlite.KindReceipt, To: to, Body: body,
		OrderID: o.ID}); err != nil {
		return nil, err
	}
	return textQueued{OK: true, Message: "I've sent a receipt for order number " +
		strconv.Itoa(o.DaySeq) + " to the mobile ending in " + phone.Last3(to) + "."}, nil
}

// sendMenuLink texts the configured menu link to the number given, else
// the caller's mobile.
func (d Deps) sendMenuLink(ctx context.Context, c *Call, raw json.RawMessage) (any, error) {
	var a numberArgs
	if err := decodeArgs(raw, &a); err != nil {
		return nil, err
	}
	if d.MenuLinkURL == "" {
		return nil, Refuse(msgNoMenuLink)
	}
	to, err := mobileNumber(a.PhoneNumber, c.CallerNumber)
	if err != nil {
		return nil, err
	}
	body := sms.MenuLinkText(d.Menu.Shop().Name, d.MenuLinkURL)
	if err := d.queueText(ctx, sqlite.NewSMS{Kind: sqlite.KindMenuLink, To: to,
		Body: body}); err != nil {
		return nil, err
	}
	return textQueued{OK: true, Message: "I've texted a link to our menu to the mobile " +
		"ending in " + phone.Last3(to) + "."}, nil
}

// queueText stores a text in the outbox and wakes the worker. A text over
// the number's hourly cap is stored as skipped by the store and refused
// here, so the assistant does not promise it.
func (d Deps) queueText(ctx context.Context, m sqlite.NewSMS) error {
	rec, err := d.Store.EnqueueSMS(ctx, m)
	if err != nil {
		return err
	}
	if rec.Status == sqlite.SMSSkipped && rec.LastError == sqlite.ReasonRateLimited {
		return Refuse(msgTextLimit)
	}
	d.notify()
	return nil
}

// smsOrder is what the texts about a stored order say. The renderers
// sanitise every field.
func (d Deps) smsOrder(o sqlite.Order) sms.Order {
	lines := make([]string, len(o.Lines))
	for i, l := range o.Lines {
		lines[i] = lineText(l)
	}
	return sms.Order{
		ShopName: d.Menu.Shop().Name, OrderNumber: o.Number, FirstName: firstName(o.CustomerName),
		Lines: lines, Total: o.Total, GST: o.GST, ReadyAt: pickup.Spoken(d.inShopTime(o.ReadyAt)),
		Notes: o.Notes,
	}
}

// lineText reads a stored line as the cart reads a priced one: "2x Large
// kebab (lamb, garlic)".
func lineText(l sqlite.Line) string {
	var b strings.Builder
	if l.Quantity > 1 {
		b.WriteString(strconv.Itoa(l.Quantity) + "x ")
	}
	b.WriteString(l.ItemName)
	if l.Options != "" {
		b.WriteString(" (" + l.Options + ")")
	}
	return b.String()
}

// isNotFound reports a lookup that matched nothing.
func isNotFound(err error) bool { return errors.Is(err, sqlite.ErrNotFound) }
