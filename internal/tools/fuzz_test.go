package tools_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/menu"
	"github.com/kebabalab/kebabalab/internal/tools"
	"github.com/kebabalab/kebabalab/internal/vapi"
)

// The fuzz targets here run the tools through the registry's Dispatch, as
// the webhook does, without HTTP: the parsers have their own targets, and
// these check what the assistant is sent.

// fuzzRegistry is the registry over the shipped menu with the shop clock
// fixed at a shop-local time.
func fuzzRegistry(f *testing.F, now string) (*tools.Registry, time.Time) {
	m, err := menu.Load("../../menu.json")
	if err != nil {
		f.Fatal(err)
	}
	at, err := time.ParseInLocation("2006-01-02 15:04", now, m.Shop().Location)
	if err != nil {
		f.Fatal(err)
	}
	return tools.New(tools.Deps{Menu: m, Clock: clock.Fixed(m.Shop().Location, at),
		Log: slog.New(slog.DiscardHandler)}), at
}

// dispatch runs one tool call on state and decodes its result object. Any
// internal failure, error entry or non-object result fails the test.
func dispatch(t *testing.T, reg *tools.Registry, st *tools.State, tool string,
	args any) map[string]any {
	t.Helper()
	raw, _ := json.Marshal(args)
	tc := &vapi.ToolCall{ID: "call_1", Name: tool, Arguments: raw}
	res, _, err := reg.Dispatch(context.Background(), &tools.Call{ID: "c", State: st}, tc)
	if err != nil || res.Error != "" {
		t.Fatalf("%s(%s): got internal failure %v, error entry %q", tool, raw, err, res.Error)
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(res.Result), &out); err != nil {
		t.Fatalf("%s(%s): result %q is not an object", tool, raw, res.Result)
	}
	return out
}

// refusedOnly fails unless out is exactly a refusal with a sentence.
func refusedOnly(t *testing.T, what string, out map[string]any) {
	t.Helper()
	if msg, _ := out["error"].(string); out["ok"] != false || msg == "" || len(out) != 2 {
		t.Fatalf("%s: got %v, want a line or a refusal with a sentence", what, out)
	}
}

// FuzzQuickAddItem checks that any description gives either a refusal that
// leaves the cart empty, or exactly one priced line of 1 to 99.
func FuzzQuickAddItem(f *testing.F) {
	for _, tt := range spokenLines {
		f.Add(tt.phrase)
	}
	for _, tt := range spokenRefusals {
		f.Add(tt.phrase)
	}
	reg, _ := fuzzRegistry(f, "2026-12-03 18:00")
	f.Fuzz(func(t *testing.T, phrase string) {
		st := tools.NewState()
		out := dispatch(t, reg, st, "quickAddItem", map[string]any{"description": phrase})
		if out["ok"] != true {
			refusedOnly(t, phrase, out)
			if st.Cart.Len() != 0 {
				t.Fatalf("%q: refused, but the cart has %d lines", phrase, st.Cart.Len())
			}
			return
		}
		item, _ := out["item"].(map[string]any)
		qty, price := num(item["quantity"]), cents(item["price"])
		switch {
		case st.Cart.Len() != 1 || out["cartSize"] != 1.0:
			t.Fatalf("%q: got %v and %d lines, want one line", phrase, out, st.Cart.Len())
		case qty < 1 || qty > 99 || qty != float64(int(qty)):
			t.Fatalf("%q: got quantity %v, want 1 to 99", phrase, item["quantity"])
		case price <= 0 || cents(item["lineTotal"]) != price*int(qty):
			t.Fatalf("%q: got price %v, line total %v", phrase, item["price"],
				item["lineTotal"])
		case str(item["name"]) == "" || str(out["message"]) == "":
			t.Fatalf("%q: got %v, want a named line and a message", phrase, out)
		}
	})
}

// FuzzSetPickupTime checks that any requested time gives either a refusal,
// or a whole minute at least ten minutes ahead and within today's hours,
// in shop time.
func FuzzSetPickupTime(f *testing.F) {
	seeds := []string{"in 20 minutes", "20 mins", "in an hour", "half an hour",
		"in an hour and a half", "6pm", "6:30 pm", "6.30pm", "18:30", "at 7", "noon", "asap",
		"tomorrow", "11pm", "in 5 minutes", "purple elephants", "", "9:59pm", "10pm",
		"quarter to ten", "at 12", "in 999999 hours", "6:75", "friday at 6"}
	for _, s := range seeds {
		f.Add(s)
	}
	reg, now := fuzzRegistry(f, "2026-12-03 18:00")
	closing := now.Add(4 * time.Hour) // Thursday, open until 10 pm
	f.Fuzz(func(t *testing.T, phrase string) {
		out := dispatch(t, reg, tools.NewState(), "setPickupTime",
			map[string]any{"requestedTime": phrase})
		if out["ok"] != true {
			refusedOnly(t, phrase, out)
			return
		}
		at, err := time.Parse(time.RFC3339, str(out["readyAtIso"]))
		switch {
		case err != nil:
			t.Fatalf("%q: got readyAtIso %v, want RFC 3339", phrase, out["readyAtIso"])
		case at.Before(now.Add(10*time.Minute)) || at.After(closing):
			t.Fatalf("%q: got %v, want 6:10 PM to 10:00 PM", phrase, at)
		case at.Second() != 0 || at.Format("-07:00") != "+11:00":
			t.Fatalf("%q: got %v, want a whole minute in shop time", phrase, at)
		case str(out["readyAt"]) != at.Format("3:04 PM"):
			t.Fatalf("%q: got readyAt %v for %v", phrase, out["readyAt"], at)
		}
	})
}
