package tools_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/sqlite"
	"github.com/kebabalab/kebabalab/internal/tools"
	"github.com/kebabalab/kebabalab/internal/vapi"
)

func TestCallerSmartContextNewCaller(t *testing.T) {
	cases := []struct{ name, caller, last3 string }{
		{"withheld", "", ""},
		{"anonymous", "anonymous", ""},
		{"overseas", "+14155550132", ""},
		{"never ordered", callerNumber, "006"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, "")
			h.caller = c.caller
			got := h.call("getCallerSmartContext", nil)
			if got["ok"] != true || got["isReturningCustomer"] != false ||
				got["orderCount"] != 0.0 || got["canRepeatOrder"] != false ||
				got["lastOrder"] != nil || got["phoneLast3"] != c.last3 {
				t.Fatalf("got %v", got)
			}
			if g := got["greetingSuggestion"].(string); !strings.Contains(g, "Kebabalab") {
				t.Fatalf("greeting %q", g)
			}
		})
	}
}

// A customer who ordered from +61491570157 is known when their next call
// arrives as 0491 570 157, and their last order comes back at the same
// price.
func TestReturningCustomerAcrossNumberForms(t *testing.T) {
	h := newHarness(t, "2026-12-03 18:00")
	h.caller = otherMobile
	h.fill(largeLambKebab, cokeCan)
	got := h.call("convertItemsToMeals", map[string]any{"drinkBrand": "sprite"})
	if got["ok"] != true {
		t.Fatalf("convertItemsToMeals: %v", got)
	}
	firstCart := h.cartJSON()
	first := h.order(map[string]any{"customerName": "Zz-Canary"})

	h.callID, h.caller = "second-call", otherMobileSay
	raw, errText := h.callRaw("getCallerSmartContext", nil)
	if errText != "" {
		t.Fatal(errText)
	}
	for _, secret := range []string{"491570157", "491 570 157", "Zz-Canary"} {
		if strings.Contains(raw, secret) {
			t.Fatalf("context %s holds %q", raw, secret)
		}
	}
	got = nil
	_ = json.Unmarshal([]byte(raw), &got)
	last, _ := got["lastOrder"].(map[string]any)
	if got["isReturningCustomer"] != true || got["orderCount"] != 1.0 ||
		got["phoneLast3"] != "157" || got["canRepeatOrder"] != true || last == nil ||
		last["total"] != first["total"] || last["date"] != "Thursday 3 December" ||
		!strings.Contains(last["items"].(string), "Large kebab meal") {
		t.Fatalf("context %v", got)
	}
	if g := got["greetingSuggestion"].(string); !strings.Contains(g, "Welcome back") ||
		!strings.Contains(g, "same again") {
		t.Fatalf("greeting %q", g)
	}

	rep := h.call("repeatLastOrder", nil)
	if rep["ok"] != true || rep["total"] != first["total"] ||
		rep["previousTotal"] != first["total"] || rep["added"] != 2.0 ||
		len(rep["unavailable"].([]any)) != 0 {
		t.Fatalf("repeatLastOrder %v after order %v", rep, first)
	}
	if cart := h.cartJSON(); cart != firstCart {
		t.Fatalf("repeated cart %s, want %s", cart, firstCart)
	}
	h.call("estimateReadyTime", nil)
	h.order(map[string]any{"customerName": "Zz-Canary"})
	if got := h.call("getCallerSmartContext", nil); got["orderCount"] != 2.0 {
		t.Fatalf("after the second order: %v", got)
	}
}

// seedOrder stores an order for a number directly, as an older menu might
// have left it.
func seedOrder(t *testing.T, h *harness, number string, lines ...sqlite.Line) sqlite.Order {
	t.Helper()
	var total int64
	for _, l := range lines {
		total += int64(l.LineTotal)
	}
	o, _, err := h.store.CreateOrder(context.Background(), sqlite.NewOrder{
		CallID: "earlier-call", ToolCallID: "earlier-" + t.Name(), CustomerName: "Sam",
		Phone: number, Lines: lines, Total: 0, ReadyAt: h.clock.Now(),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

var (
	// An old price: today's menu has the large kebab at $15.
	oldLargeKebab = sqlite.Line{ItemName: "Large kebab", Options: "lamb", Quantity: 2,
		UnitPrice: 1200, LineTotal: 2400, Detail: `{"category":"kebabs","item":"kebab",` +
			`"size":"large","choices":{"protein":"lamb"},"quantity":2}`}
	goneItem = sqlite.Line{ItemName: "Pineapple kebab", Quantity: 1, UnitPrice: 1100,
		LineTotal: 1100, Detail: `{"category":"kebabs","item":"pineapple kebab"}`}
	goneModifier = sqlite.Line{ItemName: "Small kebab", Options: "chicken, beetroot",
		Quantity: 1, UnitPrice: 900, LineTotal: 900, Detail: `{"category":"kebabs",` +
			`"item":"kebab","size":"small","choices":{"protein":"chicken"},` +
			`"salads":["beetroot"]}`}
	unreadable = sqlite.Line{ItemName: "Mystery", Quantity: 1, Detail: "not json"}
)

func TestRepeatLastOrderReprices(t *testing.T) {
	h := newHarness(t, "")
	seedOrder(t, h, callerNumber, oldLargeKebab, goneItem, goneModifier, unreadable)
	got := h.call("repeatLastOrder", nil)
	gone, _ := json.Marshal(got["unavailable"])
	if got["ok"] != true || got["total"] != 30.0 || got["added"] != 1.0 ||
		string(gone) != `["Pineapple kebab","Small kebab (chicken, beetroot)","Mystery"]` {
		t.Fatalf("got %v", got)
	}
	msg := got["message"].(string)
	for _, want := range []string{"2x Large kebab (lamb)", "$30", "aren't on the menu",
		"Pineapple kebab", "beetroot", "Mystery"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}

func TestRepeatLastOrderRefusals(t *testing.T) {
	cases := []struct {
		name, caller string
		args         map[string]any
		seed         []sqlite.Line
		want         string
	}{
		{"no earlier order", callerNumber, nil, nil, "can't find an earlier order"},
		{"bad number given", callerNumber, map[string]any{"phoneNumber": "123"}, nil,
			prompt(t, "123")},
		{"withheld caller", "", nil, nil, "What phone number did you order with"},
		{"nothing left on the menu", callerNumber, nil,
			[]sqlite.Line{goneItem, unreadable}, "None of the items"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, "")
			h.caller = c.caller
			if c.seed != nil {
				seedOrder(t, h, callerNumber, c.seed...)
			}
			if msg := h.refused("repeatLastOrder", c.args); !strings.Contains(msg, c.want) {
				t.Fatalf("error %q lacks %q", msg, c.want)
			}
			if cart := h.call("getCartState", nil); cart["isEmpty"] != true {
				t.Fatalf("cart changed: %v", cart)
			}
		})
	}
}

func TestRepeatLastOrderAddsToTheCart(t *testing.T) {
	h := newHarness(t, "")
	seedOrder(t, h, otherMobile, oldLargeKebab)
	h.call("addMultipleItemsToCart", map[string]any{"items": []any{cokeCan}})
	got := h.call("repeatLastOrder", map[string]any{"phoneNumber": otherMobileSay})
	if got["ok"] != true || got["total"] != 33.5 || len(got["cart"].([]any)) != 2 {
		t.Fatalf("got %v", got)
	}

	// All or none: a cart one line short of full takes nothing of an order
	// that brings two lines.
	seedOrder(t, h, callerNumber, oldLargeKebab, oldLargeKebab)
	h.call("clearCart", nil)
	items := make([]any, 29)
	for i := range items {
		items[i] = cokeCan
	}
	h.call("addMultipleItemsToCart", map[string]any{"items": items})
	h.refused("repeatLastOrder", nil)
	if n := len(h.call("getCartState", nil)["cart"].([]any)); n != 29 {
		t.Fatalf("cart has %d lines after a refused repeat, want 29", n)
	}
}

func TestSendReceipt(t *testing.T) {
	h := newHarness(t, "")
	if msg := h.refused("sendReceipt", nil); !strings.Contains(msg, "No order has been placed") {
		t.Fatalf("before the order: %q", msg)
	}
	h.fill(largeLambKebab)
	h.order(map[string]any{"customerName": "Sam Lee"})
	msg := h.refused("sendReceipt", map[string]any{"phoneNumber": landline})
	if !strings.Contains(msg, "only send texts to a mobile") {
		t.Fatalf("landline: %q", msg)
	}
	got := h.call("sendReceipt", nil)
	if got["ok"] != true || !strings.Contains(got["message"].(string), "ending in 006") {
		t.Fatalf("got %v", got)
	}
	o, _ := h.lastCallOrder()
	recs, _ := h.store.SMSRecordsForOrder(context.Background(), o.ID)
	if len(recs) != 3 || recs[2].Kind != sqlite.KindReceipt || recs[2].Status != sqlite.SMSPending {
		t.Fatalf("outbox %+v", recs)
	}
	// The confirmation and two receipts make three texts this hour; a
	// third receipt is over the cap and is not promised.
	h.call("sendReceipt", nil)
	if msg := h.refused("sendReceipt", nil); !strings.Contains(msg, "last hour") {
		t.Fatalf("over the cap: %q", msg)
	}
}

// With the caller id withheld, the receipt goes to the mobile the caller
// gave for the order.
func TestSendReceiptToTheOrdersNumber(t *testing.T) {
	h := newHarness(t, "")
	h.caller = ""
	h.fill(largeLambKebab)
	h.order(map[string]any{"customerName": "Sam Lee", "customerPhone": otherMobileSay})
	got := h.call("sendReceipt", nil)
	if got["ok"] != true || !strings.Contains(got["message"].(string), "ending in 157") {
		t.Fatalf("got %v", got)
	}
}

func TestSendMenuLink(t *testing.T) {
	cases := []struct {
		name, caller string
		args         map[string]any
		want         string // a fragment of the message, or of the refusal
		ok           bool
	}{
		{"caller's mobile", callerNumber, nil, "ending in 006", true},
		{"given mobile", "", map[string]any{"phoneNumber": otherMobileSay}, "ending in 157", true},
		{"landline caller", "+61355501234", nil, "only send texts to a mobile", false},
		{"withheld caller", "", nil, "Which mobile number", false},
		{"bad number", callerNumber, map[string]any{"phoneNumber": "+1 415 555 0132"},
			prompt(t, "+1 415 555 0132"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, "")
			h.caller = c.caller
			got := h.call("sendMenuLink", c.args)
			text, _ := got["message"].(string)
			if !c.ok {
				text, _ = got["error"].(string)
			}
			if got["ok"] != c.ok || !strings.Contains(text, c.want) {
				t.Fatalf("got %v, want ok %v and %q", got, c.ok, c.want)
			}
		})
	}
}

// Without MENU_LINK_URL the tool says the link is not available. The
// registry is called directly: the harness always configures a link.
func TestSendMenuLinkUnset(t *testing.T) {
	m := loadMenu(t)
	clk := clock.Fixed(m.Shop().Location, time.Date(2026, 12, 3, 18, 0, 0, 0, m.Shop().Location))
	reg := tools.New(tools.Deps{Menu: m, Clock: clk, Log: slog.New(slog.DiscardHandler)})
	c := &tools.Call{ID: "c1", CallerNumber: callerNumber, State: tools.NewState()}
	res, outcome, err := reg.Dispatch(context.Background(), c,
		&vapi.ToolCall{ID: "t1", Name: "sendMenuLink"})
	if err != nil || outcome != tools.OutcomeRefused ||
		!strings.Contains(res.Result, "don't have a menu link") {
		t.Fatalf("got %+v %s %v", res, outcome, err)
	}
}

// The definitions printed for VAPI need only the menu, and describe every
// argument of the order tools.
func TestOrderToolDefinitions(t *testing.T) {
	reg := tools.New(tools.Deps{Menu: loadMenu(t)})
	want := map[string][]string{
		"createOrder":           {"customerName", "customerPhone", "notes", "sendSMS"},
		"getCallerSmartContext": nil,
		"repeatLastOrder":       {"phoneNumber"},
		"sendReceipt":           {"phoneNumber"},
		"sendMenuLink":          {"phoneNumber"},
	}
	found := 0
	for _, d := range reg.Definitions("https://example.com") {
		args, ok := want[d.Function.Name]
		if !ok {
			continue
		}
		found++
		props := d.Function.Parameters["properties"].(map[string]any)
		if d.Function.Description == "" || len(props) != len(args) {
			t.Errorf("%s: %+v", d.Function.Name, d.Function)
		}
		for _, a := range args {
			if p, _ := props[a].(map[string]any); p["description"] == nil {
				t.Errorf("%s.%s undescribed", d.Function.Name, a)
			}
		}
	}
	if found != len(want) {
		t.Fatalf("found %d of %d order tools", found, len(want))
	}
}
