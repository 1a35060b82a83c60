package tools_test

import "testing"

func TestCheckOpen(t *testing.T) {
	tests := []struct {
		name, now       string
		open            bool
		openAt, closeAt string
		messageFragment string
	}{
		{"thursday evening", "2026-12-03 18:00", true, "11:00 AM", "10:00 PM", "open now until 10:00 PM"},
		{"before opening", "2026-12-03 09:30", false, "11:00 AM", "10:00 PM", "not open yet"},
		{"thursday after close", "2026-12-03 22:00", false, "11:00 AM", "10:00 PM", "open again tomorrow at 11:00 AM"},
		{"friday late", "2026-12-04 22:30", true, "11:00 AM", "11:00 PM", "until 11:00 PM"},
		{"sunday after nine", "2026-12-06 21:05", false, "11:00 AM", "9:00 PM", "closed for today"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.now)
			got := h.call("checkOpen", nil)
			if got["isOpen"] != tt.open || got["openTime"] != tt.openAt || got["closeTime"] != tt.closeAt {
				t.Fatalf("got %v", got)
			}
			if msg, _ := got["message"].(string); !contains(msg, tt.messageFragment) {
				t.Fatalf("message %q lacks %q", msg, tt.messageFragment)
			}
		})
	}
}

func TestEndCall(t *testing.T) {
	h := newHarness(t, "")
	got := h.call("endCall", "{}")
	if got["ok"] != true || !contains(got["message"].(string), "Kebabalab St Kilda") {
		t.Fatalf("got %v", got)
	}
}
