package pickup

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestResolve_Refusals(t *testing.T) {
	tests := []struct {
		name   string
		phrase string
		reason Reason
	}{
		{"empty", "", ReasonUnclear},
		{"blank", "   ", ReasonUnclear},
		{"nonsense", "banana", ReasonUnclear},
		{"filler only", "um, well", ReasonUnclear},
		{"vague", "later on", ReasonUnclear},
		{"a few hours", "in a few hours", ReasonUnclear},
		{"a bit", "in a bit", ReasonUnclear},
		{"hour or two", "in an hour or two", ReasonUnclear},
		{"no hour 25", "25:00", ReasonUnclear},
		{"no minute 75", "6:75pm", ReasonUnclear},
		{"no such hour", "at 45", ReasonUnclear},
		{"13am", "13am", ReasonUnclear},
		{"two times", "at 7 or 8", ReasonUnclear},
		{"a range", "between 6 and 6:30", ReasonUnclear},
		{"seconds in a clock", "6:30:00", ReasonUnclear},
		{"three decimals", "in 1.333 hours", ReasonUnclear},
		{"too many digits", "9999999 minutes", ReasonUnclear},
		{"half alone", "half", ReasonUnclear},
		{"pm alone", "pm", ReasonUnclear},
		{"too long", "at 6pm " + strings.Repeat("please ", 40), ReasonUnclear},
		{"tomorrow", "tomorrow", ReasonNotToday},
		{"tomorrow at a time", "tomorrow at 6pm", ReasonNotToday},
		{"abbreviated tomorrow", "tmrw 7pm", ReasonNotToday},
		{"yesterday", "yesterday", ReasonNotToday},
		{"another weekday", "Friday at 6", ReasonNotToday},
		{"in days", "in 2 days", ReasonNotToday},
		{"next week", "next week", ReasonNotToday},
		{"in minutes too soon", "in 5 minutes", ReasonTooSoon},
		{"clock too soon", "16:05", ReasonTooSoon},
		{"the current hour", "at 4", ReasonTooSoon},
		{"seconds", "in 30 seconds", ReasonTooSoon},
		{"in bare small number", "in 2", ReasonTooSoon},
		{"earlier today", "3pm", ReasonPast},
		{"earlier hour", "at 2", ReasonPast},
		{"noon has gone", "noon", ReasonPast},
		{"morning", "11:30am", ReasonPast},
		{"half past gone", "half past three", ReasonPast},
		{"after closing", "11pm", ReasonOutsideHours},
		{"late evening", "10:30 pm", ReasonOutsideHours},
		{"early morning", "9am", ReasonOutsideHours},
		{"small hours", "3am", ReasonOutsideHours},
		{"midnight", "midnight", ReasonOutsideHours},
		{"long span", "in 7 hours", ReasonOutsideHours},
		{"a day of hours", "in 24 hours", ReasonOutsideHours},
		{"huge span", "in 999999 minutes", ReasonOutsideHours},
		{"morning hint", "8 in the morning", ReasonOutsideHours},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustRefuse(t, newRequest(t, thursday(t), "2026-06-11 16:00", tt.phrase), tt.reason)
		})
	}
}

func TestResolve_Closed(t *testing.T) {
	tests := []struct {
		name   string
		now    string
		win    Window
		phrase string
	}{
		{"no window today", "2026-06-11 16:00", Window{}, "6pm"},
		{"no window, asap", "2026-06-11 16:00", Window{}, "asap"},
		{"no window, nonsense", "2026-06-11 16:00", Window{}, "banana"},
		{"closing within the lead", "2026-06-11 21:55", thursday(t), "in 5 minutes"},
		{"after closing", "2026-06-11 23:00", thursday(t), "in 20 minutes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustRefuse(t, newRequest(t, tt.win, tt.now, tt.phrase), ReasonClosed)
		})
	}
}

func TestRefusal_Message(t *testing.T) {
	tests := []struct {
		name   string
		win    Window
		now    string
		phrase string
		want   string
	}{
		{"unclear", thursday(t), "2026-06-11 16:00", "banana", "Sorry, what time would you " +
			"like to pick it up? For example 'in 20 minutes' or '6:30 PM'."},
		{"too soon", thursday(t), "2026-06-11 18:15", "in 5 minutes",
			"The earliest we can have it ready is 6:25 PM."},
		{"past", thursday(t), "2026-06-11 18:15", "5pm",
			"That time has already passed. The earliest we can have it ready is 6:25 PM."},
		{"outside hours", thursday(t), "2026-06-11 16:00", "11pm",
			"We're open 11:00 AM to 10:00 PM today; what time suits you?"},
		{"outside late hours", lateNight(t), "2026-06-12 16:00", "3am",
			"We're open 11:00 AM to 2:00 AM today; what time suits you?"},
		{"not today", thursday(t), "2026-06-11 16:00", "tomorrow at 6",
			"We can only take orders for today, until 10:00 PM."},
		{"closed", Window{}, "2026-06-11 16:00", "6pm",
			"Sorry, we're closed for the rest of today, and we can only take orders for today."},
		{"too late", thursday(t), "2026-06-11 21:55", "asap",
			"Sorry, we close at 10:00 PM, so it's too late to have an order ready today."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Resolve(newRequest(t, tt.win, tt.now, tt.phrase))
			var ref *Refusal
			if !errors.As(err, &ref) {
				t.Fatalf("got error %v, want a *Refusal", err)
			}
			if ref.Message != tt.want {
				t.Fatalf("got %q, want %q", ref.Message, tt.want)
			}
			if got := ref.Error(); !strings.HasPrefix(got, "pickup: refused: ") {
				t.Fatalf("got Error() %q, want the pickup prefix", got)
			}
		})
	}
}

func TestReason_String(t *testing.T) {
	seen := map[string]bool{}
	for r := ReasonUnclear; r <= ReasonClosed; r++ {
		s := r.String()
		if seen[s] || strings.HasPrefix(s, "reason ") {
			t.Fatalf("got %q for %d, want a distinct name", s, int(r))
		}
		seen[s] = true
	}
	if got := Reason(0).String(); got != "reason 0" {
		t.Fatalf("got %q, want %q", got, "reason 0")
	}
}

func TestResolve_InvalidWindow(t *testing.T) {
	open := shopTime(t, "2026-06-11 11:00")
	tests := []struct {
		name string
		win  Window
	}{
		{"closes before opening", Window{Open: open, Close: open.Add(-time.Hour)}},
		{"closes as it opens", Window{Open: open, Close: open}},
		{"only a close", Window{Close: open}},
		{"longer than two days", Window{Open: open, Close: open.Add(49 * time.Hour)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Resolve(newRequest(t, tt.win, "2026-06-11 16:00", "6pm"))
			if !errors.Is(err, ErrInvalidWindow) {
				t.Fatalf("got %v, want ErrInvalidWindow", err)
			}
		})
	}
}
