package tools_test

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

// TestQuickAddItem_Phrases sends every phrase of spokenLines through POST
// /webhook and checks the one line it adds. One call serves all phrases,
// the cart cleared between them, which is also how a long call goes.
func TestQuickAddItem_Phrases(t *testing.T) {
	if len(spokenLines) < 80 {
		t.Fatalf("got %d phrases, want at least 80", len(spokenLines))
	}
	h := newHarness(t, "")
	for _, tt := range spokenLines {
		got := h.call("quickAddItem", map[string]any{"description": tt.phrase})
		h.call("clearCart", nil)
		if got["ok"] != true {
			t.Errorf("%q: got %v, want a line", tt.phrase, got)
			continue
		}
		checkSpokenLine(t, tt, got)
	}
}

func checkSpokenLine(t *testing.T, tt spokenLine, got map[string]any) {
	t.Helper()
	item, _ := got["item"].(map[string]any)
	details, _ := item["details"].(string)
	line := spokenLine{phrase: tt.phrase, name: str(item["name"]), details: details,
		qty: int(num(item["quantity"])), cents: cents(item["price"]),
		ignored: strs(got["ignoredWords"])}
	if !reflect.DeepEqual(line, tt) {
		t.Errorf("%q:\n got %q (%s) x%d at %d cents, ignoring %q\nwant %q (%s) x%d at %d "+
			"cents, ignoring %q", tt.phrase, line.name, line.details, line.qty, line.cents,
			line.ignored, tt.name, tt.details, tt.qty, tt.cents, tt.ignored)
	}
	if lt := cents(item["lineTotal"]); lt != tt.qty*tt.cents {
		t.Errorf("%q: got line total %d cents, want %d", tt.phrase, lt, tt.qty*tt.cents)
	}
	if got["cartSize"] != 1.0 || cents(got["total"]) != tt.qty*tt.cents {
		t.Errorf("%q: got cartSize %v total %v, want 1 line of %d cents", tt.phrase,
			got["cartSize"], got["total"], tt.qty*tt.cents)
	}
	if msg := str(got["message"]); !strings.HasPrefix(msg, "Added ") {
		t.Errorf("%q: got message %q, want it to say what was added", tt.phrase, msg)
	}
}

// TestQuickAddItem_Refusals sends every phrase of spokenRefusals through
// the webhook to a cart holding one line, and checks that the refusal says
// what to ask and that the cart is as it was.
func TestQuickAddItem_Refusals(t *testing.T) {
	if len(spokenRefusals) < 30 {
		t.Fatalf("got %d refusals, want at least 30", len(spokenRefusals))
	}
	h := newHarness(t, "")
	h.call("quickAddItem", map[string]any{"description": "a bottle of water"})
	before := h.cartJSON()
	for _, tt := range spokenRefusals {
		got := h.call("quickAddItem", map[string]any{"description": tt.phrase})
		msg := str(got["error"])
		if got["ok"] != false || !strings.Contains(msg, tt.want) {
			t.Errorf("%q: got %v, want a refusal containing %q", tt.phrase, got, tt.want)
		}
		if len(got) != 2 {
			t.Errorf("%q: got %v, want only ok and error", tt.phrase, got)
		}
	}
	if after := h.cartJSON(); after != before {
		t.Errorf("cart changed by refusals:\n got %s\nwant %s", after, before)
	}
}

// The same item given in words and in fields is the same line at the same
// price: both tools build it with the cart's own code.
func TestQuickAddItem_SameLineAsStructured(t *testing.T) {
	tests := []struct {
		phrase string
		fields map[string]any
	}{
		{"two large lamb kebabs with the lot no onion, garlic and extra cheese",
			map[string]any{"category": "kebabs", "size": "large", "protein": "lamb",
				"quantity": 2, "salads": []string{"lettuce", "tomato", "pickles"},
				"sauces": []string{"garlic"}, "extras": []string{"cheese"}}},
		{"small chicken hsp with haloumi and garlic",
			map[string]any{"category": "hsp", "size": "small", "protein": "chicken",
				"extras": []string{"haloumi"}, "sauces": "garlic"}},
		{"large chips no salt",
			map[string]any{"category": "chips", "name": "chips", "size": "large",
				"salt_type": "none"}},
		{"three cans of coke zero",
			map[string]any{"category": "drinks", "brand": "coke_zero", "quantity": 3}},
	}
	for _, tt := range tests {
		t.Run(tt.phrase, func(t *testing.T) {
			spoken, fields := newHarness(t, ""), newHarness(t, "")
			a := spoken.call("quickAddItem", map[string]any{"description": tt.phrase})
			b := fields.call("addMultipleItemsToCart", map[string]any{"items": []any{tt.fields}})
			if a["ok"] != true || b["ok"] != true {
				t.Fatalf("got %v from words and %v from fields, want both added", a, b)
			}
			if a, b := spoken.cartJSON(), fields.cartJSON(); a != b {
				t.Fatalf("got %s from words, want %s as from fields", a, b)
			}
		})
	}
}

func TestQuickAddItem_Result(t *testing.T) {
	h := newHarness(t, "")
	h.call("quickAddItem", map[string]any{"description": "a coke"})
	// Arguments as the JSON string VAPI's documentation shows.
	got := h.call("quickAddItem", `{"description":"large lamb kebab with pineapple"}`)
	want := map[string]any{"ok": true, "cartSize": 2.0, "total": 18.5,
		"ignoredWords": []any{"pineapple"},
		"item": map[string]any{"index": 1.0, "name": "Large kebab", "details": "lamb",
			"quantity": 1.0, "isMeal": false, "price": 15.0, "lineTotal": 15.0},
		"message": "Added large kebab (lamb). The cart total is now $18.50. " +
			"Not on the menu, so left out: pineapple."}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v\nwant %v", got, want)
	}
	got = h.call("quickAddItem", map[string]any{"description": "a water"})
	if _, ok := got["ignoredWords"]; ok {
		t.Fatalf("got ignoredWords in %v, want none when every word was used", got)
	}
}

func TestQuickAddItem_BadArguments(t *testing.T) {
	tests := []struct {
		name string
		args any
		want string
	}{
		{"no arguments", nil, "Send the caller's words for one item as description"},
		{"no description", map[string]any{"item": "a coke"},
			"Send the caller's words for one item as description"},
		{"empty description", map[string]any{"description": ""},
			"Sorry, I didn't catch that. What would you like to order?"},
		{"null description", map[string]any{"description": nil},
			"Send the caller's words for one item as description"},
		{"a number", map[string]any{"description": 7},
			"I couldn't understand the value given for description."},
		{"too long", map[string]any{"description": strings.Repeat("large lamb kebab ", 40)},
			"Please add one item at a time."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, "")
			if msg := h.refused("quickAddItem", tt.args); !strings.Contains(msg, tt.want) {
				t.Fatalf("got %q, want it to contain %q", msg, tt.want)
			}
			if cart := h.cartJSON(); cart != "[]" {
				t.Fatalf("got cart %s, want it empty", cart)
			}
		})
	}
}

// The caps of SPEC §8 hold for spoken items as for structured ones: the
// 31st line is refused and the cart keeps its 30.
func TestQuickAddItem_LineCap(t *testing.T) {
	h := newHarness(t, "")
	for range 30 {
		h.call("quickAddItem", map[string]any{"description": "a coke"})
	}
	before := h.cartJSON()
	msg := h.refused("quickAddItem", map[string]any{"description": "a fanta"})
	if !strings.Contains(msg, "at most 30 lines") {
		t.Fatalf("got %q, want the 30-line cap", msg)
	}
	if after := h.cartJSON(); after != before {
		t.Fatalf("cart changed by a refused 31st line")
	}
}

// addMultipleItemsToCart takes {description} items beside structured ones,
// all or none, and reports the words it left out.
func TestAddMultipleItemsToCart_Descriptions(t *testing.T) {
	h := newHarness(t, "")
	got := h.call("addMultipleItemsToCart", map[string]any{"items": []any{
		map[string]any{"description": "two large lamb kebabs with the lot and garlik"},
		map[string]any{"category": "drinks", "brand": "sprite"},
		map[string]any{"description": "small chips, no salt, and some pineapple"},
	}})
	if got["ok"] != true || got["cartSize"] != 3.0 || got["total"] != 38.5 {
		t.Fatalf("got %v, want 3 lines for $38.50", got)
	}
	if ign := strs(got["ignoredWords"]); !reflect.DeepEqual(ign, []string{"pineapple"}) {
		t.Fatalf("got ignoredWords %q, want [pineapple]", ign)
	}
	added := got["added"].([]any)
	first := added[0].(map[string]any)
	if first["details"] != "lamb, lettuce, tomato, onion, pickles, garlic" ||
		first["quantity"] != 2.0 || first["lineTotal"] != 30.0 {
		t.Fatalf("got first line %v", first)
	}
	before := h.cartJSON()
	msg := h.refused("addMultipleItemsToCart", map[string]any{"items": []any{
		map[string]any{"description": "a coke"},
		map[string]any{"description": "a large kebab"},
	}})
	want := "Item 2: Which protein would you like for the kebab: lamb, chicken, mix or " +
		"falafel? Nothing was added."
	if msg != want {
		t.Fatalf("got %q, want %q", msg, want)
	}
	if after := h.cartJSON(); after != before {
		t.Fatalf("cart changed by a refused batch")
	}
	if msg := h.refused("addMultipleItemsToCart", map[string]any{"items": []any{
		map[string]any{"description": "lamb kebab"}}}); msg !=
		"What size would you like for the kebab: small or large?" {
		t.Fatalf("got %q for a lone item, want the question unnumbered", msg)
	}
}

// A quantity beside a description counts; one that contradicts the
// phrase is asked about, not guessed.
func TestAddMultipleItemsToCart_DescriptionWithQuantity(t *testing.T) {
	h := newHarness(t, "")
	got := h.call("addMultipleItemsToCart", map[string]any{"items": []any{
		map[string]any{"description": "large lamb kebab", "quantity": 2},
		map[string]any{"description": "three cokes", "quantity": 3},
	}})
	added, _ := got["added"].([]any)
	if got["ok"] != true || len(added) != 2 || got["total"] != 40.5 {
		t.Fatalf("got %v, want 2 large lamb kebabs and 3 cokes for $40.50", got)
	}
	if q := added[0].(map[string]any)["quantity"]; q != 2.0 {
		t.Fatalf("got quantity %v for the kebabs, want 2", q)
	}
	before := h.cartJSON()
	msg := h.refused("addMultipleItemsToCart", map[string]any{"items": []any{
		map[string]any{"description": "two small chicken kebabs", "quantity": 3}}})
	if msg != "Was that 2 or 3 of them? Please ask the caller how many." {
		t.Fatalf("got %q", msg)
	}
	msg = h.refused("addMultipleItemsToCart", map[string]any{"items": []any{
		map[string]any{"description": "small chicken kebab", "quantity": 0}}})
	if !strings.HasPrefix(msg, "How many would you like?") {
		t.Fatalf("got %q for quantity 0", msg)
	}
	if after := h.cartJSON(); after != before {
		t.Fatalf("cart changed by a refused item")
	}
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func num(v any) float64 {
	f, _ := v.(float64)
	return f
}

// cents turns a dollar amount from a result into whole cents.
func cents(v any) int {
	return int(math.Round(num(v) * 100))
}

func strs(v any) []string {
	list, _ := v.([]any)
	if list == nil {
		return nil
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = str(s)
	}
	return out
}
