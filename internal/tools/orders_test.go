package tools_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/money"
	"github.com/kebabalab/kebabalab/internal/phone"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// Fictitious numbers set aside by ACMA, so no test can text a person.
const (
	otherMobile    = "+61491570157"
	otherMobileSay = "0491 570 157"
	landline       = "03 5550 1234"
)

var largeLambKebab = map[string]any{"category": "kebabs", "size": "large",
	"protein": "lamb", "salads": []string{"lettuce", "tomato"}, "sauces": []string{"garlic"}}

// cokeCan is one 375 ml can: $3.50.
var cokeCan = map[string]any{"category": "drinks", "name": "can", "brand": "coke"}

// fill adds items to the cart and takes the kitchen's estimate as the
// pickup time, returning the estimate's result.
func (h *harness) fill(items ...any) map[string]any {
	h.t.Helper()
	if got := h.call("addMultipleItemsToCart", map[string]any{"items": items}); got["ok"] != true {
		h.t.Fatalf("addMultipleItemsToCart: %v", got)
	}
	ready := h.call("estimateReadyTime", nil)
	if ready["ok"] != true {
		h.t.Fatalf("estimateReadyTime: %v", ready)
	}
	return ready
}

// order places the cart as an order and fails the test unless it is.
func (h *harness) order(args map[string]any) map[string]any {
	h.t.Helper()
	got := h.call("createOrder", args)
	if got["ok"] != true {
		h.t.Fatalf("createOrder(%v) = %v", args, got)
	}
	return got
}

// lastCallOrder returns the newest order of the harness's call, read
// straight from the store.
func (h *harness) lastCallOrder() (sqlite.Order, bool) {
	h.t.Helper()
	o, err := h.store.LastOrderByCall(context.Background(), h.callID)
	if errors.Is(err, sqlite.ErrNotFound) {
		return sqlite.Order{}, false
	}
	if err != nil {
		h.t.Fatal(err)
	}
	return o, true
}

// callWithID sends one tool call with a chosen tool call id, as VAPI does
// when it retries, and returns the raw result string.
func (h *harness) callWithID(id, tool string, args any) string {
	h.t.Helper()
	rawArgs, _ := json.Marshal(args)
	tc := map[string]any{"id": id, "type": "function",
		"function": map[string]any{"name": tool, "arguments": json.RawMessage(rawArgs)}}
	env := map[string]any{"message": map[string]any{
		"type": "tool-calls", "toolCallList": []any{tc},
		"call": map[string]any{"id": h.callID, "customer": map[string]any{"number": h.caller}},
	}}
	body, _ := json.Marshal(env)
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Vapi-Secret", testSecret)
	resp, err := h.srv.Client().Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var reply struct {
		Results []struct{ ToolCallID, Result, Error string }
	}
	if err := json.Unmarshal(raw, &reply); err != nil || len(reply.Results) != 1 ||
		reply.Results[0].ToolCallID != id || reply.Results[0].Error != "" {
		h.t.Fatalf("%s: bad reply %d %s", tool, resp.StatusCode, raw)
	}
	return reply.Results[0].Result
}

func prompt(t *testing.T, number string) string {
	t.Helper()
	_, err := phone.Normalize(number)
	var pe *phone.Error
	if !errors.As(err, &pe) {
		t.Fatalf("phone.Normalize(%q) = %v, want a *phone.Error", number, err)
	}
	return pe.Prompt
}

func TestCreateOrderRefusals(t *testing.T) {
	valid := func(edit func(map[string]any)) map[string]any {
		a := map[string]any{"customerName": "Sam Lee"}
		if edit != nil {
			edit(a)
		}
		return a
	}
	cases := []struct {
		name     string
		noItems  bool
		noPickup bool
		caller   string // "-" keeps the harness's caller
		args     map[string]any
		want     string
	}{
		{"one-letter name", false, false, "-",
			valid(func(a map[string]any) { a["customerName"] = " J " }), "at least two letters"},
		{"101-character name", false, false, "-",
			valid(func(a map[string]any) { a["customerName"] = strings.Repeat("a", 101) }),
			"at most 100"},
		{"missing name", false, false, "-", map[string]any{}, "at least two letters"},
		{"name with a newline", false, false, "-",
			valid(func(a map[string]any) { a["customerName"] = "Sam\nLee" }), "only have letters"},
		{"name with a NUL", false, false, "-",
			valid(func(a map[string]any) { a["customerName"] = "Sam\x00Lee" }),
			"only have letters"},
		{"name with an escape", false, false, "-",
			valid(func(a map[string]any) { a["customerName"] = "Sam\x1b[2JLee" }),
			"only have letters"},
		{"SQL as a name", false, false, "-",
			valid(func(a map[string]any) { a["customerName"] = "'); DROP TABLE orders;--" }),
			"only have letters"},
		{"digits in a name", false, false, "-",
			valid(func(a map[string]any) { a["customerName"] = "R2D2" }), "only have letters"},
		{"name as a number", false, false, "-",
			valid(func(a map[string]any) { a["customerName"] = 42 }), "customerName"},
		{"phone 123", false, false, "-",
			valid(func(a map[string]any) { a["customerPhone"] = "123" }), prompt(t, "123")},
		{"american phone", false, false, "-",
			valid(func(a map[string]any) { a["customerPhone"] = "+1 415 555 0132" }),
			prompt(t, "+1 415 555 0132")},
		{"withheld caller, no phone", false, false, "",
			valid(nil), "best phone number"},
		{"overseas caller, no phone", false, false, "+14155550132",
			valid(nil), "best phone number"},
		{"notes of 201 characters", false, false, "-",
			valid(func(a map[string]any) { a["notes"] = strings.Repeat("n", 201) }),
			"200 characters or fewer"},
		{"empty cart", true, false, "-", valid(nil), "add something first"},
		{"no pickup time", false, true, "-", valid(nil),
			"set a pickup time first with setPickupTime or estimateReadyTime"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, "")
			if c.caller != "-" {
				h.caller = c.caller
			}
			switch {
			case !c.noItems && !c.noPickup:
				h.fill(largeLambKebab)
			case !c.noItems:
				h.call("addMultipleItemsToCart", map[string]any{"items": []any{largeLambKebab}})
			case !c.noPickup:
				h.call("estimateReadyTime", nil)
			}
			if msg := h.refused("createOrder", c.args); !strings.Contains(msg, c.want) {
				t.Fatalf("error %q lacks %q", msg, c.want)
			}
			if o, ok := h.lastCallOrder(); ok {
				t.Fatalf("order %s stored for a refused createOrder", o.Number)
			}
			if n, _ := h.store.CountOrdersByPhone(context.Background(), callerNumber); n != 0 {
				t.Fatalf("%d orders stored for the caller", n)
			}
		})
	}
}

func TestCreateOrderAcceptsBoundaries(t *testing.T) {
	cases := []struct{ name, customerName, stored, notes string }{
		{"two letters", "Al", "Al", ""},
		{"100 letters", strings.Repeat("é", 100), strings.Repeat("é", 100), ""},
		{"trimmed", "  Sam Lee \t", "Sam Lee", ""},
		{"other scripts", "Nguyễn Thị Minh-Khai", "Nguyễn Thị Minh-Khai", ""},
		{"Devanagari with marks", "अर्जुन", "अर्जुन", ""},
		{"initials", "J. R. R. Tolkien", "J. R. R. Tolkien", ""},
		{"typographic apostrophe", "D’Arcy", "D’Arcy", ""},
		{"notes of 200 characters", "Sam", "Sam", strings.Repeat("n", 200)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, "")
			h.fill(largeLambKebab)
			got := h.order(map[string]any{"customerName": c.customerName, "notes": c.notes})
			o, err := h.store.OrderByNumber(context.Background(), got["orderNumber"].(string))
			if err != nil {
				t.Fatal(err)
			}
			if o.CustomerName != c.stored || o.Notes != c.notes {
				t.Fatalf("stored %q / %q, want %q / %q", o.CustomerName, o.Notes, c.stored,
					c.notes)
			}
		})
	}
}

func TestCreateOrderStoresWhatWasOrdered(t *testing.T) {
	h := newHarness(t, "2026-12-03 18:00")
	ready := h.fill(largeLambKebab, cokeCan, map[string]any{"category": "chips", "name": "chips",
		"size": "small", "quantity": 2, "salt_type": "normal"})
	notes := "'); DROP TABLE orders;--\n<script>alert(1)</script>\tring\x07 on arrival"
	got := h.order(map[string]any{
		"customerName": "José O'Brien-Smith", "notes": notes,
		// Figures and statuses a model makes up are not read.
		"total": 0.01, "price": 0, "gst": 0, "status": "collected", "orderNumber": "1",
	})
	wantResult := map[string]any{
		"ok": true, "orderNumber": "20261203-001", "displayOrderNumber": "#001",
		"total": 28.5, "readyAt": ready["readyAt"], "readyAtIso": ready["readyAtIso"],
		"smsQueued": true,
	}
	for k, v := range wantResult {
		if got[k] != v {
			t.Errorf("result %s = %v, want %v", k, got[k], v)
		}
	}
	msg := got["message"].(string)
	for _, want := range []string{"order number is 1", "$28.50", ready["readyAt"].(string),
		"text", "ending in 006"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if strings.Contains(strings.ToLower(msg), "gst") {
		t.Errorf("message %q speaks of GST", msg)
	}

	o, err := h.store.OrderByNumber(context.Background(), "20261203-001")
	if err != nil {
		t.Fatal(err)
	}
	wantOrder := sqlite.Order{
		Number: "20261203-001", CallID: h.callID, CustomerName: "José O'Brien-Smith",
		Phone: callerNumber, Notes: "'); DROP TABLE orders;-- <script>alert(1)</script> " +
			"ring on arrival",
		Total: 2850, GST: 259, Status: sqlite.StatusPending,
	}
	if o.Number != wantOrder.Number || o.CallID != wantOrder.CallID ||
		o.CustomerName != wantOrder.CustomerName || o.Phone != wantOrder.Phone ||
		o.Notes != wantOrder.Notes || o.Total != wantOrder.Total || o.GST != wantOrder.GST ||
		o.Status != wantOrder.Status {
		t.Fatalf("stored %+v\nwant %+v", o, wantOrder)
	}
	iso := o.ReadyAt.In(h.menu.Shop().Location).Format(time.RFC3339)
	if iso != ready["readyAtIso"] {
		t.Errorf("ready at %s, want %s", iso, ready["readyAtIso"])
	}
	wantLines := []struct {
		name, options string
		qty           int
		unit, total   money.Cents
	}{
		{"Large kebab", "Lamb, Lettuce, Tomato, Garlic", 1, 1500, 1500},
		{"Soft drink can (375 ml)", "Coke", 1, 350, 350},
		{"Small chips", "Normal salt", 2, 500, 1000},
	}
	if len(o.Lines) != len(wantLines) {
		t.Fatalf("stored %d lines: %+v", len(o.Lines), o.Lines)
	}
	for i, w := range wantLines {
		l := o.Lines[i]
		if !strings.EqualFold(l.ItemName, w.name) || !strings.EqualFold(l.Options, w.options) ||
			l.Quantity != w.qty || l.UnitPrice != w.unit || l.LineTotal != w.total ||
			!json.Valid([]byte(l.Detail)) {
			t.Errorf("line %d = %+v, want %+v", i, l, w)
		}
	}
	recs, err := h.store.SMSRecordsForOrder(context.Background(), o.ID)
	if err != nil || len(recs) != 2 || recs[0].Kind != sqlite.KindOrderCustomer ||
		recs[1].Kind != sqlite.KindOrderShop {
		t.Fatalf("outbox %+v, %v; want the customer's and the shop's texts", recs, err)
	}

	// The cart is empty for the next order, and the orders table is still
	// there and taking orders.
	if cart := h.call("getCartState", nil); cart["isEmpty"] != true {
		t.Errorf("cart after the order: %v", cart)
	}
	h.fill(cokeCan)
	again := h.order(map[string]any{"customerName": "Sam"})
	if again["orderNumber"] != "20261203-002" {
		t.Fatalf("second order: %v", again)
	}
}

func TestCreateOrderSameToolCallID(t *testing.T) {
	h := newHarness(t, "")
	h.fill(largeLambKebab)
	args := map[string]any{"customerName": "Sam Lee"}
	first := h.callWithID("call_retry_1", "createOrder", args)
	second := h.callWithID("call_retry_1", "createOrder", args)
	if first != second {
		t.Fatalf("retry answered\n%s\nafter\n%s", second, first)
	}
	if !strings.Contains(first, `"orderNumber":"20261203-001"`) {
		t.Fatalf("first answer %s", first)
	}
	if n, _ := h.store.CountOrdersByPhone(context.Background(), callerNumber); n != 1 {
		t.Fatalf("%d orders stored, want 1", n)
	}
}

func TestCreateOrderOncePerCart(t *testing.T) {
	h := newHarness(t, "")
	args := map[string]any{"customerName": "Sam Lee"}
	placed := func(step, want string) {
		t.Helper()
		if got := h.order(args); got["orderNumber"] != want {
			t.Fatalf("%s: placed %v, want %s", step, got["orderNumber"], want)
		}
	}
	h.fill(largeLambKebab)
	placed("first cart", "20261203-001")
	// The model asks again about the same cart: the first order, not a new one.
	placed("createOrder again", "20261203-001")
	// The same cart built again in the same call is still the first order.
	h.fill(largeLambKebab)
	placed("identical cart", "20261203-001")

	// A different cart is a new order, up to three per call.
	h.fill(cokeCan)
	placed("second cart", "20261203-002")
	h.fill(largeLambKebab, cokeCan)
	placed("third cart", "20261203-003")
	h.fill(map[string]any{"category": "sweets", "name": "baklava"})
	if msg := h.refused("createOrder", args); !strings.Contains(msg, "3 orders") {
		t.Fatalf("fourth order refused with %q", msg)
	}
	if n, _ := h.store.CountOrdersByPhone(context.Background(), callerNumber); n != 3 {
		t.Fatalf("%d orders stored, want 3", n)
	}
}

func TestCreateOrderTexts(t *testing.T) {
	cases := []struct {
		name      string
		args      map[string]any
		wantPhone string
		wantKinds []sqlite.SMSKind
	}{
		{"caller's mobile", map[string]any{}, callerNumber,
			[]sqlite.SMSKind{sqlite.KindOrderCustomer, sqlite.KindOrderShop}},
		{"another mobile, spoken", map[string]any{"customerPhone": otherMobileSay}, otherMobile,
			[]sqlite.SMSKind{sqlite.KindOrderCustomer, sqlite.KindOrderShop}},
		{"no text wanted, as a string", map[string]any{"sendSMS": "false"}, callerNumber,
			[]sqlite.SMSKind{sqlite.KindOrderShop}},
		{"landline", map[string]any{"customerPhone": landline}, "+61355501234",
			[]sqlite.SMSKind{sqlite.KindOrderShop}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, "")
			h.fill(largeLambKebab)
			c.args["customerName"] = "Sam Lee"
			got := h.order(c.args)
			texted := len(c.wantKinds) == 2
			spoken := strings.Contains(got["message"].(string), "text")
			if got["smsQueued"] != texted || spoken != texted {
				t.Errorf("result %v; want smsQueued %v", got, texted)
			}
			o, _ := h.lastCallOrder()
			if o.Phone != c.wantPhone {
				t.Errorf("stored phone %s, want %s", o.Phone, c.wantPhone)
			}
			recs, err := h.store.SMSRecordsForOrder(context.Background(), o.ID)
			if err != nil {
				t.Fatal(err)
			}
			var kinds []sqlite.SMSKind
			for _, r := range recs {
				kinds = append(kinds, r.Kind)
			}
			if len(kinds) != len(c.wantKinds) || kinds[0] != c.wantKinds[0] {
				t.Errorf("queued %v, want %v", kinds, c.wantKinds)
			}
		})
	}
}

// A store failure is an internal error: the assistant hears a generic
// sentence and nothing of the database.
func TestCreateOrderStoreFailure(t *testing.T) {
	h := newHarness(t, "")
	h.fill(largeLambKebab)
	h.store.Close()
	res, errText := h.callRaw("createOrder", map[string]any{"customerName": "Sam Lee"})
	if res != "" || !strings.Contains(errText, "something went wrong") ||
		strings.Contains(strings.ToLower(errText), "sql") {
		t.Fatalf("got result %q, error %q", res, errText)
	}
}

// A pickup time agreed early in a long call may pass before the order is
// placed; the order is then refused until a new time is set.
func TestCreateOrderPickupPassed(t *testing.T) {
	h := newHarness(t, "2026-12-03 18:00")
	h.fill(largeLambKebab)
	h.clock.Advance(25 * time.Minute) // within the session's idle lifetime
	args := map[string]any{"customerName": "Sam Lee"}
	if msg := h.refused("createOrder", args); !strings.Contains(msg, "has passed") {
		t.Fatalf("got %q", msg)
	}
	h.call("estimateReadyTime", nil)
	if got := h.order(args); got["readyAt"] != "6:42 PM" {
		t.Fatalf("got %v", got)
	}
}
