package tools_test

import "testing"

func TestSetPickupTime(t *testing.T) {
	cases := []struct {
		now, phrase, readyAt, iso string
	}{
		{"2026-12-03 18:00", "in 20 minutes", "6:20 PM", "2026-12-03T18:20:00+11:00"},
		{"2026-12-03 18:00", "half an hour", "6:30 PM", "2026-12-03T18:30:00+11:00"},
		{"2026-12-03 18:00", "6.45pm", "6:45 PM", "2026-12-03T18:45:00+11:00"},
		{"2026-12-03 18:00", "at 7", "7:00 PM", "2026-12-03T19:00:00+11:00"},
		{"2026-12-03 18:00", "asap", "6:15 PM", "2026-12-03T18:15:00+11:00"},
		{"2026-12-03 10:30", "noon", "12:00 PM", "2026-12-03T12:00:00+11:00"},
		// Winter: Melbourne is on standard time, UTC+10.
		{"2026-06-04 18:00", "18:30", "6:30 PM", "2026-06-04T18:30:00+10:00"},
	}
	for _, c := range cases {
		t.Run(c.phrase, func(t *testing.T) {
			h := newHarness(t, c.now)
			got := h.call("setPickupTime", map[string]any{"requestedTime": c.phrase})
			if got["readyAt"] != c.readyAt || got["readyAtIso"] != c.iso {
				t.Fatalf("got %v, want %s %s", got, c.readyAt, c.iso)
			}
		})
	}
}

func TestSetPickupTimeRefusals(t *testing.T) {
	cases := []struct {
		now, phrase, want string
	}{
		{"2026-12-03 18:00", "in 5 minutes", "earliest we can have it ready is 6:10 PM"},
		{"2026-12-03 18:00", "11pm", "10:00 PM"},
		{"2026-12-03 18:00", "tomorrow at 6", "only take orders for today"},
		{"2026-12-03 18:00", "purple elephants", "what time"},
		{"2026-12-03 18:00", "", "What time"},
		{"2026-12-03 22:30", "in 20 minutes", "closed"},
	}
	for _, c := range cases {
		t.Run("phrase "+c.phrase, func(t *testing.T) {
			h := newHarness(t, c.now)
			msg := h.refused("setPickupTime", map[string]any{"requestedTime": c.phrase})
			if !contains(msg, c.want) {
				t.Fatalf("refusal %q lacks %q", msg, c.want)
			}
		})
	}
}

func TestEstimateReadyTime(t *testing.T) {
	h := newHarness(t, "2026-12-03 18:00")
	h.call("addMultipleItemsToCart", map[string]any{"items": []any{smallLambKebab,
		map[string]any{"category": "drinks", "name": "water"},
		map[string]any{"category": "sweets", "name": "baklava"}}})
	got := h.call("estimateReadyTime", nil)
	// 15 minutes plus 2 per line for 3 lines.
	if got["estimatedMinutes"] != 21.0 || got["readyAt"] != "6:21 PM" {
		t.Fatalf("got %v", got)
	}
}
