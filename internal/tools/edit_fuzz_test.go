package tools_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/cart"
	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/menu"
	"github.com/kebabalab/kebabalab/internal/money"
	"github.com/kebabalab/kebabalab/internal/tools"
	"github.com/kebabalab/kebabalab/internal/vapi"
)

// editFuzzCart is what every FuzzEditCartItem run edits: a kebab, an HSP,
// chips, a can and a kebab meal, so that every kind of change has a line
// it applies to.
var editFuzzCart = []struct {
	tool string
	args string
}{
	{"addMultipleItemsToCart", `{"items":[
		{"category":"kebabs","size":"large","protein":"lamb","salads":["lettuce","tomato"],
			"sauces":["garlic"],"extras":["cheese"]},
		{"category":"hsp","size":"small","protein":"chicken","sauces":["chilli","bbq"]},
		{"category":"chips","name":"chips","size":"large","salt_type":"chicken_salt"},
		{"category":"drinks","name":"can","brand":"pepsi","quantity":2},
		{"category":"kebabs","size":"small","protein":"mix"}]}`},
	{"convertItemsToMeals", `{"itemIndices":[4],"chipsSize":"small","drinkBrand":"coke"}`},
}

// editFuzzShapes are the argument shapes editCartItem reads, each built
// around the fuzzed modifications and a line index.
var editFuzzShapes = []func(idx int, mods []byte) []byte{
	func(idx int, mods []byte) []byte {
		return []byte(`{"itemIndex":` + strconv.Itoa(idx) + `,"modifications":` + string(mods) + `}`)
	},
	func(idx int, mods []byte) []byte { // modifications as a JSON string
		s, _ := json.Marshal(string(mods))
		return []byte(`{"itemIndex":"` + strconv.Itoa(idx) + `","modifications":` + string(s) + `}`)
	},
	func(idx int, mods []byte) []byte {
		return []byte(`{"itemIndex":` + strconv.Itoa(idx) + `,"properties":` + string(mods) + `}`)
	},
	func(idx int, mods []byte) []byte {
		return []byte(`{"itemIndex":` + strconv.Itoa(idx) + `,"property":"size","value":` +
			string(mods) + `}`)
	},
}

func editFuzzDeps(f *testing.F) (*tools.Registry, *menu.Menu) {
	m, err := menu.Load("../../menu.json")
	if err != nil {
		f.Fatal(err)
	}
	at := time.Date(2026, 12, 3, 18, 0, 0, 0, m.Shop().Location)
	return tools.New(tools.Deps{Menu: m, Clock: clock.Fixed(m.Shop().Location, at),
		Log: slog.New(slog.DiscardHandler)}), m
}

func editFuzzRun(reg *tools.Registry, st *tools.State, tool string, args []byte) (
	vapi.Result, string, error,
) {
	tc := &vapi.ToolCall{ID: "call_edit", Name: tool, Arguments: args}
	return reg.Dispatch(context.Background(), &tools.Call{ID: "c", State: st}, tc)
}

// FuzzEditCartItem sends editCartItem every shape of modifications the
// fuzzer can make up, on every line of a mixed cart and on indexes off
// either end. Whatever arrives, the tool never fails internally and either
// refuses with a sentence, leaving the cart exactly as it was, or changes
// that one line into a line the menu prices the same as one built from
// scratch, in a quantity of 1 to 99, with a total the cart agrees with.
func FuzzEditCartItem(f *testing.F) {
	for _, s := range []string{
		`{"size":"large"}`, `{"salads":["lettuce","tomato","onion"]}`, `{"sauces":"garlic, chilli"}`,
		`{"quantity":"3"}`, `{"quantity":0}`, `{"quantity":1e400}`, `{"cheese":"false"}`,
		`{"cheese":true}`, `{"protein":"falafel"}`, `{"chips_size":"large"}`, `{"drink":"sprite"}`,
		`{"salt_type":"plain_salt"}`, `{"price":0,"total":0,"size":"small"}`, `{"status":"paid"}`,
		`[{"property":"size","value":"small"}]`, `[["sauces",["bbq"]]]`,
		`{"size":{"value":"large"}}`,
		`"{\"size\":\"large\"}"`, `"\"{\\\"size\\\":\\\"large\\\"}\""`, `{"addExtras":["cheese"]}`,
		`{"removeExtras":"cheese"}`, `{"extras":[]}`, `{"salads":null}`, `{}`, `[]`, `null`, `""`,
		`"large"`, `{"colour":"red"}`, `{"Chips Size":"small","DRINK":"fanta"}`, `[{"key":"qty"}]`,
		`{"size":["large"]}`, `{"quantity":-1}`, `{"quantity":99}`, `{"quantity":100}`, `{"a":`,
	} {
		// Spread the seeds over the lines and shapes rather than crossing
		// them: the fuzzer mixes them itself, and a short run should spend
		// its time fuzzing, not replaying seeds.
		n := uint8(len(s))
		f.Add([]byte(s), n%6, n%uint8(len(editFuzzShapes)))
	}
	reg, m := editFuzzDeps(f)
	f.Fuzz(func(t *testing.T, mods []byte, index, shape uint8) {
		st := tools.NewState()
		for _, step := range editFuzzCart {
			if res, _, err := editFuzzRun(reg, st, step.tool, []byte(step.args)); err != nil ||
				res.Error != "" {
				t.Fatalf("setting up with %s: %v %q", step.tool, err, res.Error)
			}
		}
		lines := st.Cart.Len()
		before := st.Cart.Fingerprint()
		idx := int(index%uint8(lines+3)) - 1 // -1 to two past the end
		args := editFuzzShapes[int(shape)%len(editFuzzShapes)](idx, mods)

		res, outcome, err := editFuzzRun(reg, st, "editCartItem", args)
		if err != nil || outcome == tools.OutcomeError {
			t.Fatalf("editCartItem(%s): internal failure %v", args, err)
		}
		if res.Error != "" {
			if outcome != tools.OutcomeBadArguments || json.Valid(args) {
				t.Fatalf("editCartItem(%s): error entry %q (%s)", args, res.Error, outcome)
			}
			if st.Cart.Fingerprint() != before {
				t.Fatalf("editCartItem(%s): unreadable arguments changed the cart", args)
			}
			return
		}
		var out struct {
			OK    bool    `json:"ok"`
			Error string  `json:"error"`
			Total float64 `json:"total"`
		}
		if err := json.Unmarshal([]byte(res.Result), &out); err != nil {
			t.Fatalf("editCartItem(%s): result %q is not an object", args, res.Result)
		}
		if !out.OK {
			if out.Error == "" || outcome != tools.OutcomeRefused {
				t.Fatalf("editCartItem(%s): got %s (%s), want a refusal with a sentence",
					args, res.Result, outcome)
			}
			if st.Cart.Fingerprint() != before {
				t.Fatalf("editCartItem(%s): a refused edit changed the cart", args)
			}
			return
		}
		if idx < 0 || idx >= lines || st.Cart.Len() != lines {
			t.Fatalf("editCartItem(%s): edited line %d of %d, cart now %d lines", args, idx,
				lines, st.Cart.Len())
		}
		checkEditedCart(t, m, &st.Cart, out.Total, string(args))
	})
}

// checkEditedCart checks every line is priced from the menu: the same as
// the line rebuilt from its spec, in a quantity of 1 to 99, adding up to
// the total the tool reported.
func checkEditedCart(t *testing.T, m *menu.Menu, c *cart.Cart, reported float64, args string) {
	t.Helper()
	p := c.Price(m)
	var sum money.Cents
	for i, l := range p.Lines {
		if l.Quantity < 1 || l.Quantity > 99 || l.Amount < 0 || l.Unit < 0 {
			t.Fatalf("editCartItem(%s): line %d is %dx at %v = %v", args, i, l.Quantity, l.Unit,
				l.Amount)
		}
		var fresh cart.Cart
		if _, err := fresh.Add(m, l.Spec()); err != nil {
			t.Fatalf("editCartItem(%s): line %d (%s) cannot be rebuilt: %v", args, i, l.Text(),
				err)
		}
		if got := fresh.Price(m).Lines[0]; got.Amount != l.Amount || got.Text() != l.Text() {
			t.Fatalf("editCartItem(%s): line %d is %s at %v; rebuilt it is %s at %v", args, i,
				l.Text(), l.Amount, got.Text(), got.Amount)
		}
		sum += l.Amount
	}
	if sum != p.Total || p.Total.Dollars() != reported {
		t.Fatalf("editCartItem(%s): lines add to %v, cart total %v, reported %v", args, sum,
			p.Total, reported)
	}
}
