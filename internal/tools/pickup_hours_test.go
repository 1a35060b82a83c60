package tools_test

import "testing"

// Pickup times against the shipped opening hours (Mon–Thu 11:00–22:00,
// Fri–Sat 11:00–23:00, Sun 11:00–21:00) through the webhook, on ordinary
// days and on the days Melbourne's clocks change: 5 April 2026 (back to
// UTC+10) and 4 October 2026 (forward to UTC+11). Late-night windows that
// close after midnight are covered in the pickup package.
func TestSetPickupTime_ShopHours(t *testing.T) {
	tests := []struct {
		name, now, phrase, readyAt, iso string
	}{
		{"sunday closing exactly", "2026-12-06 20:30", "9pm", "9:00 PM",
			"2026-12-06T21:00:00+11:00"},
		{"friday late", "2026-12-04 22:00", "10:45pm", "10:45 PM", "2026-12-04T22:45:00+11:00"},
		{"saturday late span", "2026-12-05 22:30", "in 20 minutes", "10:50 PM",
			"2026-12-05T22:50:00+11:00"},
		{"thursday closing exactly", "2026-12-03 21:00", "10pm", "10:00 PM",
			"2026-12-03T22:00:00+11:00"},
		{"before opening", "2026-12-03 09:00", "11:30am", "11:30 AM",
			"2026-12-03T11:30:00+11:00"},
		{"asap before opening", "2026-12-03 09:00", "asap", "11:15 AM",
			"2026-12-03T11:15:00+11:00"},
		{"opening plus lead", "2026-12-03 11:00", "11:10", "11:10 AM",
			"2026-12-03T11:10:00+11:00"},
		{"night before going back", "2026-04-04 22:00", "10:30pm", "10:30 PM",
			"2026-04-04T22:30:00+11:00"},
		{"day of going back", "2026-04-05 12:00", "in 20 minutes", "12:20 PM",
			"2026-04-05T12:20:00+10:00"},
		{"day of going back, evening", "2026-04-05 18:00", "at 7", "7:00 PM",
			"2026-04-05T19:00:00+10:00"},
		{"night before going forward", "2026-10-03 20:00", "8:30pm", "8:30 PM",
			"2026-10-03T20:30:00+10:00"},
		{"day of going forward", "2026-10-04 11:30", "noon", "12:00 PM",
			"2026-10-04T12:00:00+11:00"},
		{"day of going forward, span", "2026-10-04 20:00", "in an hour", "9:00 PM",
			"2026-10-04T21:00:00+11:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.now)
			got := h.call("setPickupTime", map[string]any{"requestedTime": tt.phrase})
			if got["readyAt"] != tt.readyAt || got["readyAtIso"] != tt.iso {
				t.Fatalf("got %v, want %s %s", got, tt.readyAt, tt.iso)
			}
		})
	}
}

func TestSetPickupTime_ShopHoursRefusals(t *testing.T) {
	tests := []struct {
		name, now, phrase, want string
	}{
		{"sunday after closing", "2026-12-06 20:00", "9:15pm",
			"We're open 11:00 AM to 9:00 PM today; what time suits you?"},
		{"sunday too late to order", "2026-12-06 20:55", "asap",
			"Sorry, we close at 9:00 PM, so it's too late to have an order ready today."},
		{"monday closed for the night", "2026-12-07 22:30", "in 20 minutes", "closed"},
		{"too soon", "2026-12-04 18:00", "in 5 minutes",
			"The earliest we can have it ready is 6:10 PM."},
		{"tomorrow", "2026-12-04 18:00", "tomorrow at 6pm", "only take orders for today"},
		{"nonsense", "2026-12-04 18:00", "when the cows come home", "what time"},
		{"after closing, day of going back", "2026-04-05 18:00", "9:30pm",
			"We're open 11:00 AM to 9:00 PM today"},
		{"before opening, day of going forward", "2026-10-04 09:00", "10am",
			"We're open 11:00 AM to 9:00 PM today"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.now)
			msg := h.refused("setPickupTime", map[string]any{"requestedTime": tt.phrase})
			if !contains(msg, tt.want) {
				t.Fatalf("got %q, want it to contain %q", msg, tt.want)
			}
		})
	}
}
