package tools_test

import (
	"encoding/json"
	"testing"
)

// refused sends a call that must be refused and returns the error text.
func (h *harness) refused(tool string, args any) string {
	h.t.Helper()
	got := h.call(tool, args)
	msg, _ := got["error"].(string)
	if got["ok"] != false || msg == "" {
		h.t.Fatalf("%s(%v) = %v, want a refusal", tool, args, got)
	}
	return msg
}

// total prices the cart and returns the total in dollars.
func (h *harness) total() float64 {
	h.t.Helper()
	return h.call("priceCart", nil)["total"].(float64)
}

func (h *harness) cartJSON() string {
	h.t.Helper()
	b, _ := json.Marshal(h.call("getCartState", nil)["cart"])
	return string(b)
}

var smallLambKebab = map[string]any{"category": "kebabs", "size": "small", "protein": "lamb"}

func TestConversation(t *testing.T) {
	h := newHarness(t, "")
	steps := []struct {
		tool  string
		args  any
		total float64
	}{
		{"addMultipleItemsToCart", map[string]any{"items": []any{
			map[string]any{"category": "kebabs", "size": "small", "protein": "lamb",
				"salads": []string{"lettuce", "tomato", "onion"}, "sauces": "garlic, chilli"},
			map[string]any{"category": "kebabs", "size": "small", "protein": "chicken",
				"extras": []string{"cheese"}, "price": 0},
		}}, 21},
		// The documented shape: arguments as a JSON string.
		{"addMultipleItemsToCart", `{"items":[{"category":"drinks","name":"coke",` +
			`"quantity":"2"}]}`, 28},
		{"convertItemsToMeals", map[string]any{}, 35},
		{"editCartItem", `{"itemIndex":0,"modifications":{"size":"large"}}`, 40},
		{"addMultipleItemsToCart", map[string]any{"items": []any{map[string]any{
			"category": "sweets", "name": "baklava", "quantity": 2}}}, 46},
		{"removeCartItem", map[string]any{"itemIndex": 2}, 40},
	}
	for _, s := range steps {
		got := h.call(s.tool, s.args)
		if got["ok"] != true {
			t.Fatalf("%s: %v", s.tool, got)
		}
		if total := h.total(); total != s.total {
			t.Fatalf("after %s total = %v, want %v (cart %s)", s.tool, total, s.total,
				h.cartJSON())
		}
	}
	sum := h.call("getOrderSummary", nil)
	lines := sum["lines"].([]any)
	if len(lines) != 3 || lines[0] != "1. Large kebab meal (lamb, lettuce, tomato, onion, "+
		"garlic, chilli, small chips, chicken salt, Coke), $22" || lines[2] != "Total: $40" {
		t.Fatalf("summary lines = %q", lines)
	}
	price := h.call("priceCart", nil)
	if price["gst"] != 3.64 || price["subtotal"] != 36.36 || price["itemCount"] != 2.0 {
		t.Fatalf("price = %v", price)
	}
}

func TestConvertFoldsCansThroughWebhook(t *testing.T) {
	h := newHarness(t, "")
	h.call("addMultipleItemsToCart", map[string]any{"items": []any{
		map[string]any{"category": "kebabs", "size": "small", "protein": "lamb", "quantity": 2},
		map[string]any{"category": "drinks", "brand": "coke"},
		map[string]any{"category": "drinks", "name": "Coca-Cola"},
	}})
	got := h.call("convertItemsToMeals", map[string]any{"drinkBrand": "coke",
		"chipsSize": "small"})
	if got["foldedCans"] != 2.0 || got["total"] != 34.0 || len(got["cart"].([]any)) != 1 {
		t.Fatalf("got %v", got)
	}
	if !contains(got["message"].(string), "2 separate cans already ordered are now part") {
		t.Fatalf("message %q does not tell the caller about the cans", got["message"])
	}
}

// Every shape a model sends modifications in turns a small HSP into a
// large one at $20.
func TestEditCartItemShapes(t *testing.T) {
	shapes := map[string]any{
		"object":            map[string]any{"itemIndex": 0, "modifications": map[string]any{"size": "large"}},
		"json string":       map[string]any{"itemIndex": 0, "modifications": `{"size":"large"}`},
		"whole args string": `{"itemIndex":"0","modifications":{"size":"large"}}`,
		"properties":        map[string]any{"itemIndex": 0, "properties": map[string]any{"size": "large"}},
		"property list": map[string]any{"itemIndex": 0, "modifications": []any{
			map[string]any{"property": "size", "value": "large"}}},
		"name newValue list": map[string]any{"itemIndex": 0, "modifications": []any{
			map[string]any{"name": "size", "newValue": "large"}}},
		"field list": map[string]any{"itemIndex": 0, "modifications": []any{
			map[string]any{"field": "size", "value": "large"}}},
		"key list": map[string]any{"itemIndex": 0, "modifications": []any{
			map[string]any{"key": "size", "value": "large"}}},
		"pair list": map[string]any{"itemIndex": 0, "modifications": []any{
			[]any{"size", "large"}}},
		"nested value": map[string]any{"itemIndex": 0, "modifications": map[string]any{
			"size": map[string]any{"value": "large"}}},
		"single pair object": map[string]any{"itemIndex": 0, "modifications": map[string]any{
			"property": "size", "value": "large"}},
		"top-level property": map[string]any{"itemIndex": 0, "property": "size",
			"value": "large"},
	}
	for name, args := range shapes {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, "")
			h.call("addMultipleItemsToCart", map[string]any{"items": []any{
				map[string]any{"category": "hsp", "size": "small", "protein": "lamb"}}})
			if got := h.call("editCartItem", args); got["ok"] != true {
				t.Fatalf("edit: %v", got)
			}
			if total := h.total(); total != 20 {
				t.Fatalf("total = %v, want 20", total)
			}
		})
	}
}

func TestEditCartItemChanges(t *testing.T) {
	cases := []struct {
		name  string
		item  map[string]any
		mods  any
		total float64
		has   string
	}{
		{"salads keep tomato", map[string]any{"category": "kebabs", "size": "small",
			"protein": "lamb", "salads": []string{"lettuce"}, "sauces": []string{"tomato"}},
			map[string]any{"salads": []string{"lettuce", "tomato", "onion"}}, 10,
			`"details":"lamb, lettuce, tomato, onion, tomato sauce"`},
		{"cheese string false means none", map[string]any{"category": "kebabs",
			"size": "small", "protein": "lamb", "extras": []string{"cheese"}},
			map[string]any{"cheese": "false"}, 10, `"details":"lamb"`},
		{"cheese true charges", smallLambKebab, map[string]any{"cheese": true}, 11,
			`"details":"lamb, cheese"`},
		{"cheese off an HSP", map[string]any{"category": "hsp", "size": "small",
			"protein": "mix"}, map[string]any{"cheese": "no"}, 15, `"details":"mix, no cheese"`},
		{"protein and quantity", smallLambKebab, map[string]any{"protein": "chicken",
			"quantity": "3"}, 30, `"quantity":3`},
		{"meal chips and drink", map[string]any{"category": "kebabs", "size": "small",
			"protein": "lamb"}, nil, 0, ""},
		{"salt type on chips", map[string]any{"category": "chips", "name": "chips",
			"size": "large"}, map[string]any{"salt_type": "none"}, 9, `no salt`},
		{"extras on an HSP", map[string]any{"category": "hsp", "size": "large",
			"protein": "lamb"}, map[string]any{"extras": []string{"haloumi", "extra meat"}},
			26.5, `haloumi, extra meat`},
		{"drink brand on a can", map[string]any{"category": "drinks", "brand": "coke"},
			map[string]any{"drinkBrand": "solo"}, 3.5, `"details":"Solo"`},
	}
	for _, c := range cases {
		if c.mods == nil {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, "")
			h.call("addMultipleItemsToCart", map[string]any{"items": []any{c.item}})
			got := h.call("editCartItem", map[string]any{"itemIndex": 0,
				"modifications": c.mods})
			if got["ok"] != true {
				t.Fatalf("edit: %v", got)
			}
			if total := h.total(); total != c.total {
				t.Errorf("total = %v, want %v", total, c.total)
			}
			if cart := h.cartJSON(); !contains(cart, c.has) {
				t.Errorf("cart %s lacks %s", cart, c.has)
			}
		})
	}
}

func TestMealEditsReprice(t *testing.T) {
	h := newHarness(t, "")
	h.call("addMultipleItemsToCart", map[string]any{"items": []any{smallLambKebab}})
	h.call("convertItemsToMeals", map[string]any{"itemIndices": []int{0}})
	steps := []struct {
		mods  map[string]any
		total float64
	}{
		{map[string]any{"chips_size": "large"}, 20},
		{map[string]any{"size": "large"}, 25},
		{map[string]any{"chipsSize": "none"}, 17},
		{map[string]any{"drink": "fanta", "extras": []string{"haloumi"}}, 19.5},
	}
	for _, s := range steps {
		if got := h.call("editCartItem", map[string]any{"itemIndex": 0,
			"modifications": s.mods}); got["ok"] != true {
			t.Fatalf("%v: %v", s.mods, got)
		}
		if total := h.total(); total != s.total {
			t.Fatalf("after %v total = %v, want %v", s.mods, total, s.total)
		}
	}
}

// Bad input gets a refusal that says what to ask, and the cart stays as it
// was.
func TestCartRefusals(t *testing.T) {
	cases := []struct {
		name string
		tool string
		args any
		want string
	}{
		{"index out of range", "removeCartItem", map[string]any{"itemIndex": 5},
			"the cart has 2 lines, indexes 0 to 1"},
		{"negative index", "editCartItem", map[string]any{"itemIndex": -1,
			"modifications": map[string]any{"size": "large"}}, "indexes 0 to 1"},
		{"no index", "removeCartItem", map[string]any{}, "itemIndex"},
		{"quantity 0", "addMultipleItemsToCart", map[string]any{"items": []any{
			map[string]any{"category": "sweets", "name": "baklava", "quantity": 0}}}, "1 to 99"},
		{"quantity -2", "addMultipleItemsToCart", map[string]any{"items": []any{
			map[string]any{"category": "sweets", "name": "baklava", "quantity": -2}}}, "1 to 99"},
		{"quantity 100", "addMultipleItemsToCart", map[string]any{"items": []any{
			map[string]any{"category": "sweets", "name": "baklava", "quantity": 100}}},
			"1 to 99"},
		{"quantity abc", "addMultipleItemsToCart", map[string]any{"items": []any{
			map[string]any{"category": "sweets", "name": "baklava", "quantity": "abc"}}},
			"whole number"},
		{"edit quantity 0", "editCartItem", map[string]any{"itemIndex": 0,
			"modifications": map[string]any{"quantity": 0}}, "1 to 99"},
		{"unknown protein", "addMultipleItemsToCart", map[string]any{"items": []any{
			map[string]any{"category": "kebabs", "size": "small", "protein": "beef"}}},
			"lamb, chicken, mix or falafel"},
		{"unknown size", "addMultipleItemsToCart", map[string]any{"items": []any{
			map[string]any{"category": "kebabs", "size": "medium", "protein": "lamb"}}},
			"small or large"},
		{"missing size", "addMultipleItemsToCart", map[string]any{"items": []any{
			map[string]any{"category": "hsp", "protein": "lamb"}}}, "small or large"},
		{"unknown extra", "addMultipleItemsToCart", map[string]any{"items": []any{
			map[string]any{"category": "kebabs", "size": "small", "protein": "lamb",
				"extras": []string{"bacon"}}}}, "bacon"},
		{"unknown category", "addMultipleItemsToCart", map[string]any{"items": []any{
			map[string]any{"category": "pizza", "name": "margherita"}}}, "pizza"},
		{"one bad item of two", "addMultipleItemsToCart", map[string]any{"items": []any{
			smallLambKebab, map[string]any{"category": "drinks", "name": "beer"}}},
			"Item 2"},
		{"no items", "addMultipleItemsToCart", map[string]any{"items": []any{}}, "Which items"},
		{"unknown change", "editCartItem", map[string]any{"itemIndex": 0,
			"modifications": map[string]any{"colour": "blue"}}, "I can't change"},
		{"unreadable changes", "editCartItem", map[string]any{"itemIndex": 0,
			"modifications": "make it big"}, "couldn't read"},
		{"cheese on a drink", "editCartItem", map[string]any{"itemIndex": 1,
			"modifications": map[string]any{"cheese": true}}, "isn't available"},
		{"meal of a drink", "convertItemsToMeals", map[string]any{"itemIndices": []int{1}},
			"can't be made a meal"},
		{"bad meal chips", "convertItemsToMeals", map[string]any{"chipsSize": "medium"},
			"small or large"},
		{"unknown menu section", "getMenu", map[string]any{"category": "pizza"}, "kebabs"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, "")
			h.call("addMultipleItemsToCart", map[string]any{"items": []any{
				smallLambKebab, map[string]any{"category": "drinks", "name": "fanta"}}})
			before := h.cartJSON()
			if msg := h.refused(c.tool, c.args); !contains(msg, c.want) {
				t.Errorf("refusal %q does not mention %q", msg, c.want)
			}
			if after := h.cartJSON(); after != before {
				t.Errorf("cart changed from %s to %s", before, after)
			}
		})
	}
}

func TestGetMenu(t *testing.T) {
	h := newHarness(t, "")
	all := h.call("getMenu", nil)
	if cats := all["categories"].([]any); len(cats) != 9 {
		t.Fatalf("%d categories", len(cats))
	}
	kebabs := h.call("getMenu", map[string]any{"category": "kebabs"})
	b, _ := json.Marshal(kebabs["items"])
	for _, want := range []string{`{"price":10,"size":"small"}`, `{"price":15,"size":"large"}`,
		`"choose":"protein","options":["lamb","chicken","mix","falafel"]`,
		`"id":"cheese","name":"cheese","price":1`, `"id":"olives","name":"olives","price":1`} {
		if !contains(string(b), want) {
			t.Errorf("kebab listing lacks %s: %s", want, b)
		}
	}
	hsp := h.call("getMenu", map[string]any{"category": "HSP"})
	if b, _ := json.Marshal(hsp["items"]); !contains(string(b), `"included":true,"name":"cheese","price":0`) {
		t.Errorf("HSP listing does not show cheese included: %s", b)
	}
}

func TestClearCart(t *testing.T) {
	h := newHarness(t, "")
	h.call("addMultipleItemsToCart", map[string]any{"items": []any{smallLambKebab}})
	h.call("clearCart", nil)
	state := h.call("getCartState", nil)
	if state["isEmpty"] != true || state["itemCount"] != 0.0 {
		t.Fatalf("state = %v", state)
	}
	if msg := h.refused("getOrderSummary", nil); !contains(msg, "empty") {
		t.Fatalf("summary of an empty cart: %q", msg)
	}
}
