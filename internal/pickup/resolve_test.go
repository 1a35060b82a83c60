package pickup

import (
	"testing"
	"time"
)

func TestResolve_Phrases(t *testing.T) {
	tests := []struct {
		name   string
		now    string
		phrase string
		want   string
	}{
		{"in minutes", "2026-06-11 16:00", "in 20 minutes", "2026-06-11 16:20"},
		{"mins", "2026-06-11 16:00", "20 mins", "2026-06-11 16:20"},
		{"in an hour", "2026-06-11 16:00", "in an hour", "2026-06-11 17:00"},
		{"an hour", "2026-06-11 16:00", "an hour", "2026-06-11 17:00"},
		{"half an hour", "2026-06-11 16:00", "half an hour", "2026-06-11 16:30"},
		{"hour and a half", "2026-06-11 16:00", "in an hour and a half", "2026-06-11 17:30"},
		{"one and a half hours", "2026-06-11 16:00", "one and a half hours", "2026-06-11 17:30"},
		{"decimal hours", "2026-06-11 16:00", "in 1.5 hours", "2026-06-11 17:30"},
		{"90 minutes", "2026-06-11 16:00", "90 minutes", "2026-06-11 17:30"},
		{"hour and minutes", "2026-06-11 16:00", "an hour and 15 minutes", "2026-06-11 17:15"},
		{"hour and bare minutes", "2026-06-11 16:00", "1 hour 15", "2026-06-11 17:15"},
		{"spelled minutes", "2026-06-11 16:00", "twenty five minutes", "2026-06-11 16:25"},
		{"hyphenated minutes", "2026-06-11 16:00", "forty-five minutes", "2026-06-11 16:45"},
		{"quarter hour", "2026-06-11 16:00", "a quarter of an hour", "2026-06-11 16:15"},
		{"three quarters", "2026-06-11 16:00", "three quarters of an hour", "2026-06-11 16:45"},
		{"from now", "2026-06-11 16:00", "20 minutes from now", "2026-06-11 16:20"},
		{"couple of hours", "2026-06-11 16:00", "in a couple of hours", "2026-06-11 18:00"},
		{"in bare number", "2026-06-11 16:00", "can I get it in 20", "2026-06-11 16:20"},
		{"6pm", "2026-06-11 16:00", "6pm", "2026-06-11 18:00"},
		{"6 pm spaced", "2026-06-11 16:00", "6 PM", "2026-06-11 18:00"},
		{"6:30 pm", "2026-06-11 16:00", "6:30 pm", "2026-06-11 18:30"},
		{"6.30pm", "2026-06-11 16:00", "6.30pm", "2026-06-11 18:30"},
		{"p.m.", "2026-06-11 16:00", "6:30 p.m.", "2026-06-11 18:30"},
		{"24-hour", "2026-06-11 16:00", "18:30", "2026-06-11 18:30"},
		{"military", "2026-06-11 16:00", "1830", "2026-06-11 18:30"},
		{"at 7 is pm", "2026-06-11 16:00", "at 7", "2026-06-11 19:00"},
		{"bare hour", "2026-06-11 16:00", "seven", "2026-06-11 19:00"},
		{"o'clock", "2026-06-11 16:00", "6 o'clock", "2026-06-11 18:00"},
		{"six thirty", "2026-06-11 16:00", "six thirty", "2026-06-11 18:30"},
		{"six oh five", "2026-06-11 16:00", "six oh five", "2026-06-11 18:05"},
		{"quarter past", "2026-06-11 16:00", "quarter past six", "2026-06-11 18:15"},
		{"a quarter past", "2026-06-11 16:00", "a quarter past 6 pm", "2026-06-11 18:15"},
		{"half past", "2026-06-11 16:00", "half past 6", "2026-06-11 18:30"},
		{"half six", "2026-06-11 16:00", "half six", "2026-06-11 18:30"},
		{"quarter to", "2026-06-11 16:00", "quarter to seven", "2026-06-11 18:45"},
		{"minutes to", "2026-06-11 16:00", "ten to seven", "2026-06-11 18:50"},
		{"minutes after", "2026-06-11 16:00", "20 after 6", "2026-06-11 18:20"},
		{"filler", "2026-06-11 16:00", "Um, can I pick it up at 6:30, please?", "2026-06-11 18:30"},
		{"around", "2026-06-11 16:00", "around 7 tonight", "2026-06-11 19:00"},
		{"about", "2026-06-11 16:00", "about 20 minutes", "2026-06-11 16:20"},
		{"today", "2026-06-11 16:00", "today at 9:45pm", "2026-06-11 21:45"},
		{"ish", "2026-06-11 16:00", "6ish", "2026-06-11 18:00"},
		{"named today", "2026-06-11 16:00", "Thursday at 6pm", "2026-06-11 18:00"},
		{"evening hint", "2026-06-11 16:00", "8 in the evening", "2026-06-11 20:00"},
		{"asap", "2026-06-11 16:00", "asap", "2026-06-11 16:20"},
		{"as soon as possible", "2026-06-11 16:00", "as soon as possible", "2026-06-11 16:20"},
		{"now", "2026-06-11 16:00", "now", "2026-06-11 16:20"},
		{"straight away", "2026-06-11 16:00", "straight away", "2026-06-11 16:20"},
		{"whenever", "2026-06-11 16:00", "whenever it's ready", "2026-06-11 16:20"},
		{"noon", "2026-06-11 11:05", "noon", "2026-06-11 12:00"},
		{"midday", "2026-06-11 11:05", "midday", "2026-06-11 12:00"},
		{"12 noon", "2026-06-11 11:05", "12 noon", "2026-06-11 12:00"},
		{"at 12 is noon", "2026-06-11 11:05", "at 12", "2026-06-11 12:00"},
		{"12:30 is pm", "2026-06-11 11:05", "12:30", "2026-06-11 12:30"},
		{"at 11 before opening", "2026-06-11 09:00", "at 11:30", "2026-06-11 11:30"},
		{"seconds round up", "2026-06-11 16:00:30", "in 20 minutes", "2026-06-11 16:21"},
		{"asap rounds up", "2026-06-11 16:00:01", "asap", "2026-06-11 16:21"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustResolve(t, newRequest(t, thursday(t), tt.now, tt.phrase), tt.want)
		})
	}
}

func TestResolve_Boundaries(t *testing.T) {
	tests := []struct {
		name   string
		now    string
		phrase string
		want   string // empty when refused
		reason Reason
	}{
		{"lead exactly", "2026-06-11 16:00", "16:10", "2026-06-11 16:10", 0},
		{"lead minus a minute", "2026-06-11 16:00", "16:09", "", ReasonTooSoon},
		{"span exactly lead", "2026-06-11 16:00", "in 10 minutes", "2026-06-11 16:10", 0},
		{"span under lead", "2026-06-11 16:00", "in 9 minutes", "", ReasonTooSoon},
		{"lead from seconds", "2026-06-11 16:00:30", "16:10", "", ReasonTooSoon},
		{"lead from seconds rounded", "2026-06-11 16:00:30", "16:11", "2026-06-11 16:11", 0},
		{"closing exactly", "2026-06-11 16:00", "10pm", "2026-06-11 22:00", 0},
		{"minute after closing", "2026-06-11 16:00", "10:01pm", "", ReasonOutsideHours},
		{"span to closing", "2026-06-11 16:00", "in 6 hours", "2026-06-11 22:00", 0},
		{"span past closing", "2026-06-11 16:00", "in 361 minutes", "", ReasonOutsideHours},
		{"opening plus lead", "2026-06-11 10:00", "11:10", "2026-06-11 11:10", 0},
		{"at opening before open", "2026-06-11 10:00", "11am", "", ReasonTooSoon},
		{"span before opening", "2026-06-11 10:00", "in 30 minutes", "", ReasonOutsideHours},
		{"asap before opening", "2026-06-11 10:00", "asap", "2026-06-11 11:20", 0},
		{"asap capped at closing", "2026-06-11 21:45", "asap", "2026-06-11 22:00", 0},
		{"last order", "2026-06-11 21:50", "asap", "2026-06-11 22:00", 0},
		{"too late to order", "2026-06-11 21:51", "asap", "", ReasonClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRequest(t, thursday(t), tt.now, tt.phrase)
			if tt.want == "" {
				mustRefuse(t, r, tt.reason)
				return
			}
			mustResolve(t, r, tt.want)
		})
	}
}

func TestResolve_AsapUsesLeadWhenEstimateIsShorter(t *testing.T) {
	r := newRequest(t, thursday(t), "2026-06-11 16:00", "asap")
	r.Estimate = 5 * time.Minute
	mustResolve(t, r, "2026-06-11 16:10")
}

func TestResolve_AfterMidnightWindow(t *testing.T) {
	tests := []struct {
		name   string
		now    string
		phrase string
		want   string
		reason Reason
	}{
		{"at 1 is 1 am", "2026-06-12 23:30", "at 1", "2026-06-13 01:00", 0},
		{"12:30am", "2026-06-12 23:30", "12:30am", "2026-06-13 00:30", 0},
		{"at 12 is midnight", "2026-06-12 23:30", "at 12", "2026-06-13 00:00", 0},
		{"midnight", "2026-06-12 23:30", "midnight", "2026-06-13 00:00", 0},
		{"1 in the morning", "2026-06-12 23:30", "1 in the morning", "2026-06-13 01:00", 0},
		{"closing at 2", "2026-06-12 23:30", "2am", "2026-06-13 02:00", 0},
		{"after closing", "2026-06-12 23:30", "2:30 am", "", ReasonOutsideHours},
		{"span before midnight", "2026-06-12 23:30", "in 20 minutes", "2026-06-12 23:50", 0},
		{"span across midnight", "2026-06-12 23:30", "in an hour", "2026-06-13 00:30", 0},
		{"earlier tonight", "2026-06-12 23:30", "11pm", "", ReasonPast},
		{"span after midnight", "2026-06-13 00:30", "in 20 minutes", "2026-06-13 00:50", 0},
		{"at 1 after midnight", "2026-06-13 00:30", "at 1", "2026-06-13 01:00", 0},
		{"asap after midnight", "2026-06-13 00:30", "asap", "2026-06-13 00:50", 0},
		{"opening day named", "2026-06-13 00:30", "friday at 1:30", "2026-06-13 01:30", 0},
		{"calendar day named", "2026-06-13 00:30", "saturday at 1:30", "2026-06-13 01:30", 0},
		{"yesterday evening", "2026-06-13 00:30", "11pm", "", ReasonPast},
		{"noon has gone", "2026-06-13 00:30", "noon", "", ReasonPast},
		{"morning is outside", "2026-06-13 00:30", "10am", "", ReasonOutsideHours},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRequest(t, lateNight(t), tt.now, tt.phrase)
			if tt.want == "" {
				mustRefuse(t, r, tt.reason)
				return
			}
			mustResolve(t, r, tt.want)
		})
	}
}

func TestSpoken(t *testing.T) {
	tests := []struct {
		name string
		at   string
		want string
	}{
		{"evening", "2026-06-11 18:30", "6:30 PM"},
		{"on the hour", "2026-06-11 18:00", "6:00 PM"},
		{"noon", "2026-06-11 12:00", "12:00 PM"},
		{"after midnight", "2026-06-12 00:05", "12:05 AM"},
		{"morning", "2026-06-11 11:00", "11:00 AM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Spoken(shopTime(t, tt.at)); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}
