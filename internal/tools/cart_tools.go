package tools

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/kebabalab/kebabalab/internal/cart"
)

func cartTools(d Deps) []Tool {
	return []Tool{
		{
			Name: "getCartState",
			Description: "Read the cart: every line with its index (from 0), price and line " +
				"total. Call it before editing or removing an item so you use the right index.",
			Parameters: Object(nil),
			Handle:     d.getCartState,
		},
		{
			Name: "removeCartItem",
			Description: "Remove one line from the cart by its index (from 0, as " +
				"getCartState shows). Confirm with the caller which item first.",
			Parameters: Object(map[string]any{
				"itemIndex": integer("Index of the line to remove, from 0."),
			}, "itemIndex"),
			Handle: d.removeCartItem,
		},
		{
			Name: "clearCart",
			Description: "Empty the cart. Only when the caller wants to start again; " +
				"confirm first.",
			Parameters: Object(nil),
			Handle:     d.clearCart,
		},
		{
			Name: "priceCart",
			Description: "Work out the cart total (prices include GST). Call it before " +
				"reading a total to the caller; never add prices up yourself.",
			Parameters: Object(nil),
			Handle:     d.priceCart,
		},
		{
			Name: "getOrderSummary",
			Description: "A numbered summary of the order and its total, to read back to " +
				"the caller before placing the order.",
			Parameters: Object(nil),
			Handle:     d.getOrderSummary,
		},
	}
}

type cartState struct {
	OK             bool       `json:"ok"`
	Cart           []cartLine `json:"cart"`
	FormattedItems []string   `json:"formattedItems"`
	ItemCount      int        `json:"itemCount"`
	IsEmpty        bool       `json:"isEmpty"`
	Total          float64    `json:"total"`
	Message        string     `json:"message"`
}

func (d Deps) cartState(st *State, message string) cartState {
	p := st.Cart.Price(d.Menu)
	s := cartState{OK: true, Cart: cartLines(p), FormattedItems: make([]string, len(p.Lines)),
		ItemCount: p.Items, IsEmpty: len(p.Lines) == 0, Total: p.Total.Dollars(),
		Message: message}
	for i, l := range p.Lines {
		s.FormattedItems[i] = fmt.Sprintf("%d: %s, %s", i, l.Text(), l.Amount.Spoken())
	}
	if s.Message == "" {
		s.Message = cartSentence(p.Items, p.Total.Spoken(), spokenList(p))
	}
	return s
}

func cartSentence(items int, total, list string) string {
	if items == 0 {
		return "The cart is empty."
	}
	return fmt.Sprintf("The cart has %s: %s. Total %s.", plural(items, "item"), list, total)
}

func (d Deps) getCartState(_ context.Context, c *Call, _ json.RawMessage) (any, error) {
	return d.cartState(c.State, ""), nil
}

type indexArgs struct {
	ItemIndex Int `json:"itemIndex"`
}

func (d Deps) removeCartItem(_ context.Context, c *Call, args json.RawMessage) (any, error) {
	var a indexArgs
	if err := decodeArgs(args, &a); err != nil {
		return nil, err
	}
	if !a.ItemIndex.Set {
		return nil, Refuse("Which item should I remove? Give its itemIndex from getCartState.")
	}
	l, err := c.State.Cart.Remove(a.ItemIndex.Value)
	if err != nil {
		return nil, err
	}
	p := c.State.Cart.Price(d.Menu)
	msg := fmt.Sprintf("Removed the %s. ", describe(l))
	return d.cartState(c.State, msg+cartSentence(p.Items, p.Total.Spoken(), spokenList(p))),
		nil
}

func (d Deps) clearCart(_ context.Context, c *Call, _ json.RawMessage) (any, error) {
	c.State.Cart.Clear()
	return d.cartState(c.State, "The cart is now empty."), nil
}

type priceResult struct {
	OK        bool    `json:"ok"`
	Total     float64 `json:"total"`
	GST       float64 `json:"gst"`
	Subtotal  float64 `json:"subtotal"`
	ItemCount int     `json:"itemCount"`
	Message   string  `json:"message"`
}

func (d Deps) priceCart(_ context.Context, c *Call, _ json.RawMessage) (any, error) {
	p := c.State.Cart.Price(d.Menu)
	r := priceResult{OK: true, Total: p.Total.Dollars(), GST: p.GST.Dollars(),
		Subtotal: p.Subtotal.Dollars(), ItemCount: p.Items}
	if p.Items == 0 {
		r.Message = "The cart is empty."
	} else {
		r.Message = fmt.Sprintf("That's %s for %s.", p.Total.Spoken(), plural(p.Items, "item"))
	}
	return r, nil
}

type summaryResult struct {
	OK      bool     `json:"ok"`
	Lines   []string `json:"lines"`
	Summary string   `json:"summary"`
	Total   float64  `json:"total"`
	Message string   `json:"message"`
}

func (d Deps) getOrderSummary(_ context.Context, c *Call, _ json.RawMessage) (any, error) {
	p := c.State.Cart.Price(d.Menu)
	if len(p.Lines) == 0 {
		return nil, Refuse("The cart is empty; ask what the caller would like first.")
	}
	r := summaryResult{OK: true, Total: p.Total.Dollars()}
	for i, l := range p.Lines {
		r.Lines = append(r.Lines, fmt.Sprintf("%d. %s, %s", i+1, l.Text(), l.Amount.Spoken()))
	}
	r.Lines = append(r.Lines, "Total: "+p.Total.Spoken())
	r.Summary = joinLines(r.Lines)
	r.Message = "Here's your order: " + spokenList(p) + ". That comes to " +
		p.Total.Spoken() + "."
	return r, nil
}

// describe names a line in a sentence: "large kebab (lamb, garlic)".
func describe(l cart.Line) string {
	text := cart.PricedLine{Line: l, Name: l.Name(), Details: l.Details()}.Text()
	return lowerFirst(text)
}
