package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kebabalab/kebabalab/internal/cart"
	"github.com/kebabalab/kebabalab/internal/phone"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// Returning customers are found by their normalised number, so a caller id
// of +61491570006 finds the orders placed as 0491 570 006 (SPEC §8). The
// results never hold the number itself, only its last three digits, nor
// the name on earlier orders: a caller id can be spoofed.

const msgAskRepeatNumber = "What phone number did you order with last time?"

type callerContext struct {
	OK                  bool           `json:"ok"`
	IsReturningCustomer bool           `json:"isReturningCustomer"`
	OrderCount          int            `json:"orderCount"`
	LastOrder           *lastOrderView `json:"lastOrder"`
	GreetingSuggestion  string         `json:"greetingSuggestion"`
	CanRepeatOrder      bool           `json:"canRepeatOrder"`
	PhoneLast3          string         `json:"phoneLast3"`
}

type lastOrderView struct {
	Items string  `json:"items"`
	Total float64 `json:"total"`
	Date  string  `json:"date"` // shop time: "Monday 1 December"
}

// getCallerSmartContext tells the assistant what is known of the caller. An
// unknown or withheld number is a new customer, not an error.
func (d Deps) getCallerSmartContext(ctx context.Context, c *Call, _ json.RawMessage) (any, error) {
	shop := d.Menu.Shop().Name
	r := callerContext{OK: true,
		GreetingSuggestion: "Welcome to " + shop + "! What can I get for you today?"}
	number, err := phone.Normalize(c.CallerNumber)
	if err != nil {
		return r, nil
	}
	r.PhoneLast3 = phone.Last3(number)
	if r.OrderCount, err = d.Store.CountOrdersByPhone(ctx, number); err != nil {
		return nil, err
	}
	if r.OrderCount == 0 {
		return r, nil
	}
	last, err := d.Store.LastOrderByPhone(ctx, number)
	if err != nil {
		return nil, err
	}
	r.IsReturningCustomer = true
	r.LastOrder = &lastOrderView{Items: orderSummary(last), Total: last.Total.Dollars(),
		Date: d.inShopTime(last.CreatedAt).Format("Monday 2 January")}
	specs, _ := rebuildable(d, last)
	r.CanRepeatOrder = len(specs) > 0
	r.GreetingSuggestion = "Welcome back to " + shop + "! What can I get for you today?"
	if r.CanRepeatOrder {
		r.GreetingSuggestion = fmt.Sprintf("Welcome back to %s! Last time you had %s. "+
			"Would you like the same again?", shop, r.LastOrder.Items)
	}
	return r, nil
}

type repeatResult struct {
	OK            bool       `json:"ok"`
	Added         int        `json:"added"`
	Unavailable   []string   `json:"unavailable"`
	Cart          []cartLine `json:"cart"`
	ItemCount     int        `json:"itemCount"`
	Total         float64    `json:"total"`
	PreviousTotal float64    `json:"previousTotal"`
	Message       string     `json:"message"`
}

// repeatLastOrder adds the lines of the customer's last order to the cart,
// each rebuilt from its stored spec at today's menu and prices. A line the
// menu no longer has is named in the result, never silently dropped; the
// others are added together or, past the cart's limits, not at all.
func (d Deps) repeatLastOrder(ctx context.Context, c *Call, raw json.RawMessage) (any, error) {
	var a numberArgs
	if err := decodeArgs(raw, &a); err != nil {
		return nil, err
	}
	number, err := contactNumber(a.PhoneNumber, c.CallerNumber, msgAskRepeatNumber)
	if err != nil {
		return nil, err
	}
	last, err := d.Store.LastOrderByPhone(ctx, number)
	if isNotFound(err) {
		return nil, Refuse("I can't find an earlier order for the number ending in %s. "+
			"What would you like today?", phone.Last3(number))
	}
	if err != nil {
		return nil, err
	}
	specs, gone := rebuildable(d, last)
	if len(specs) == 0 {
		return nil, Refuse("None of the items from the last order are on the menu any "+
			"more (%s). What would you like instead?", strings.Join(gone, "; "))
	}
	added, err := c.State.Cart.Add(d.Menu, specs...)
	if err != nil {
		return nil, err
	}
	p := c.State.Cart.Price(d.Menu)
	r := repeatResult{OK: true, Added: len(added), Unavailable: gone, Cart: cartLines(p),
		ItemCount: p.Items, Total: p.Total.Dollars(), PreviousTotal: last.Total.Dollars()}
	texts := make([]string, 0, len(added))
	for _, l := range p.Lines[len(p.Lines)-len(added):] {
		texts = append(texts, l.Text())
	}
	r.Message = fmt.Sprintf("I've added the last order to the cart: %s. At today's prices "+
		"the cart comes to %s.", strings.Join(texts, "; "), p.Total.Spoken())
	if len(gone) > 0 {
		r.Message += fmt.Sprintf(" These aren't on the menu any more, so I left them out: "+
			"%s.", strings.Join(gone, "; "))
	}
	return r, nil
}

// rebuildable turns an order's stored lines back into cart specs that
// build at today's menu, and names the lines that no longer do. Gone is
// never nil, so the result lists it as [] rather than null.
func rebuildable(d Deps, o sqlite.Order) (specs []cart.Spec, gone []string) {
	gone = []string{}
	for _, l := range o.Lines {
		var s cart.Spec
		if err := json.Unmarshal([]byte(l.Detail), &s); err != nil {
			gone = append(gone, lineText(l))
			continue
		}
		if _, err := cart.Build(d.Menu, s); err != nil {
			gone = append(gone, lineText(l))
			continue
		}
		specs = append(specs, s)
	}
	return specs, gone
}

// orderSummary lists a stored order's lines for the assistant to read.
func orderSummary(o sqlite.Order) string {
	texts := make([]string, len(o.Lines))
	for i, l := range o.Lines {
		texts[i] = lineText(l)
	}
	return strings.Join(texts, "; ")
}
