package pickup

import (
	"testing"
	"time"
)

func TestResolve_DaylightSaving(t *testing.T) {
	loc := melbourne(t)
	autumn, spring := autumnNight(t), springNight(t)
	tests := []struct {
		name   string
		win    Window
		now    string // UTC
		phrase string
		want   string // UTC
		spoken string
	}{
		{"span before going back", autumn, "2026-04-04 14:45", "in 30 minutes",
			"2026-04-04 15:15", "2:15 AM"},
		{"span across going back", autumn, "2026-04-04 15:45", "in 30 minutes",
			"2026-04-04 16:15", "2:15 AM"},
		{"first of a repeated time", autumn, "2026-04-04 14:45", "2:30am",
			"2026-04-04 15:30", "2:30 AM"},
		{"second of a repeated time", autumn, "2026-04-04 15:45", "2:30am",
			"2026-04-04 16:30", "2:30 AM"},
		{"hour after going back", autumn, "2026-04-04 15:45", "at 3",
			"2026-04-04 17:00", "3:00 AM"},
		{"asap across going back", autumn, "2026-04-04 15:50", "asap",
			"2026-04-04 16:10", "2:10 AM"},
		{"span across going forward", spring, "2026-10-03 15:45", "in 30 minutes",
			"2026-10-03 16:15", "3:15 AM"},
		{"skipped time", spring, "2026-10-03 15:45", "2:30am",
			"2026-10-03 16:30", "3:30 AM"},
		{"first time after the gap", spring, "2026-10-03 15:45", "at 3",
			"2026-10-03 16:00", "3:00 AM"},
		{"asap across going forward", spring, "2026-10-03 15:45", "asap",
			"2026-10-03 16:05", "3:05 AM"},
		{"hour and a half across", spring, "2026-10-03 14:45", "in an hour and a half",
			"2026-10-03 16:15", "3:15 AM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Request{Phrase: tt.phrase, Now: utc(t, tt.now).In(loc), Window: tt.win,
				MinLead: 10 * time.Minute, Estimate: 20 * time.Minute}
			got, err := Resolve(r)
			if err != nil {
				t.Fatalf("got error %v, want %s", err, tt.want)
			}
			if want := utc(t, tt.want); !got.Equal(want) {
				t.Fatalf("got %s, want %s", got.UTC().Format(time.RFC3339),
					want.Format(time.RFC3339))
			}
			if s := Spoken(got); s != tt.spoken {
				t.Fatalf("got spoken %q, want %q", s, tt.spoken)
			}
		})
	}
}

func TestResolve_DaylightSavingRefusals(t *testing.T) {
	loc := melbourne(t)
	tests := []struct {
		name   string
		now    string // UTC
		phrase string
		reason Reason
	}{
		{"both readings gone", "2026-04-04 16:45", "2:30am", ReasonPast},
		{"second reading too soon", "2026-04-04 16:25", "2:30am", ReasonTooSoon},
		{"after closing", "2026-04-04 16:45", "4:30am", ReasonOutsideHours},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Request{Phrase: tt.phrase, Now: utc(t, tt.now).In(loc), Window: autumnNight(t),
				MinLead: 10 * time.Minute}
			mustRefuse(t, r, tt.reason)
		})
	}
}
