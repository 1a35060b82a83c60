package menu

import (
	"testing"
	"time"
)

func melbourne(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Australia/Melbourne")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// shopWith returns the minimal fixture's shop with some days' hours replaced.
func shopWith(t *testing.T, days map[string]any) *Shop {
	t.Helper()
	var changes []change
	for day, hours := range days {
		changes = append(changes, change{"shop.hours." + day, hours})
	}
	return mustParseEdited(t, changes...).Shop()
}

func hours(open, close string) map[string]any {
	return map[string]any{"open": open, "close": close}
}

// at is a Melbourne wall time in 2026; June is standard time throughout.
func at(t *testing.T, month time.Month, day, hour, minute int) time.Time {
	t.Helper()
	return time.Date(2026, month, day, hour, minute, 0, 0, melbourne(t))
}

func TestShop_OpenAt(t *testing.T) {
	shipped := mustLoad(t, shippedMenu).Shop()
	overnight := shopWith(t, map[string]any{
		"friday":   hours("11:00", "02:00"),
		"saturday": map[string]any{"closed": true},
	})
	tests := []struct {
		name string
		shop *Shop
		at   time.Time
		want bool
	}{
		// 15 June 2026 is a Monday.
		{"monday before opening", shipped, at(t, 6, 15, 10, 59), false},
		{"monday at opening", shipped, at(t, 6, 15, 11, 0), true},
		{"monday last minute", shipped, at(t, 6, 15, 21, 59), true},
		{"monday at closing", shipped, at(t, 6, 15, 22, 0), false},
		{"friday 22:59", shipped, at(t, 6, 19, 22, 59), true},
		{"friday at 23:00 close", shipped, at(t, 6, 19, 23, 0), false},
		{"sunday at 21:00 close", shipped, at(t, 6, 21, 21, 0), false},
		{"instant given in UTC", shipped, time.Date(2026, 6, 15, 1, 0, 0, 0, time.UTC), true},
		{"friday late night", overnight, at(t, 6, 19, 23, 30), true},
		{"saturday 00:30 in friday's hours", overnight, at(t, 6, 20, 0, 30), true},
		{"saturday at 02:00 close", overnight, at(t, 6, 20, 2, 0), false},
		{"saturday noon, closed day", overnight, at(t, 6, 20, 12, 0), false},
		{"friday 00:30 thursday closed at 22:00", overnight, at(t, 6, 19, 0, 30), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.shop.OpenAt(tt.at); got != tt.want {
				t.Errorf("OpenAt(%s): got %t, want %t", tt.at, got, tt.want)
			}
		})
	}
}

func TestShop_Window(t *testing.T) {
	shipped := mustLoad(t, shippedMenu).Shop()
	overnight := shopWith(t, map[string]any{
		"friday":   hours("11:00", "02:00"),
		"saturday": hours("12:00", "01:00"),
		"tuesday":  map[string]any{"closed": true},
	})
	tests := []struct {
		name        string
		shop        *Shop
		now         time.Time
		open, close time.Time // zero when no window
	}{
		{"before opening: today's window", shipped, at(t, 6, 15, 9, 0),
			at(t, 6, 15, 11, 0), at(t, 6, 15, 22, 0)},
		{"trading", shipped, at(t, 6, 15, 12, 0), at(t, 6, 15, 11, 0), at(t, 6, 15, 22, 0)},
		{"after closing: none", shipped, at(t, 6, 15, 22, 30), time.Time{}, time.Time{}},
		{"friday until 23:00", shipped, at(t, 6, 19, 18, 0),
			at(t, 6, 19, 11, 0), at(t, 6, 19, 23, 0)},
		{"closed day", overnight, at(t, 6, 16, 12, 0), time.Time{}, time.Time{}},
		{"00:30 in yesterday's window", overnight, at(t, 6, 20, 0, 30),
			at(t, 6, 19, 11, 0), at(t, 6, 20, 2, 0)},
		{"03:00 after yesterday's: today's window", overnight, at(t, 6, 20, 3, 0),
			at(t, 6, 20, 12, 0), at(t, 6, 21, 1, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			open, close, ok := tt.shop.Window(tt.now)
			if ok != !tt.open.IsZero() || !open.Equal(tt.open) || !close.Equal(tt.close) {
				t.Errorf("got %s – %s (ok %t), want %s – %s", open, close, ok, tt.open, tt.close)
			}
		})
	}
}

func TestShop_DayWindow(t *testing.T) {
	s := mustLoad(t, shippedMenu).Shop()
	open, close, ok := s.DayWindow(at(t, 6, 19, 23, 45))
	if !ok || !open.Equal(at(t, 6, 19, 11, 0)) || !close.Equal(at(t, 6, 19, 23, 0)) {
		t.Errorf("got %s – %s (ok %t), want friday 11:00 – 23:00", open, close, ok)
	}
}

// TestShop_DaylightSaving covers the 2026 Melbourne changes with hours that
// span 02:00–03:00. On Sunday 5 April clocks go back from 03:00 AEDT to
// 02:00 AEST, so 02:00–03:00 happens twice; on Sunday 4 October they go
// forward from 02:00 AEST to 03:00 AEDT, so it does not happen at all.
func TestShop_DaylightSaving(t *testing.T) {
	utc := func(month time.Month, day, hour, minute int) time.Time {
		return time.Date(2026, month, day, hour, minute, 0, 0, time.UTC)
	}
	lateNight := shopWith(t, map[string]any{"saturday": hours("18:00", "04:00")})
	closeAtHalfPastTwo := shopWith(t, map[string]any{"saturday": hours("18:00", "02:30")})
	openAtHalfPastTwo := shopWith(t, map[string]any{"sunday": hours("02:30", "10:00")})
	tests := []struct {
		name string
		shop *Shop
		at   time.Time
		want bool
	}{
		// April: AEDT is UTC+11 until 16:00 UTC on the 4th, then AEST UTC+10.
		{"april first 02:30 (AEDT)", lateNight, utc(4, 4, 15, 30), true},
		{"april second 02:30 (AEST)", lateNight, utc(4, 4, 16, 30), true},
		{"april 03:59 AEST", lateNight, utc(4, 4, 17, 59), true},
		{"april 04:00 AEST close", lateNight, utc(4, 4, 18, 0), false},
		{"april close 02:30 counts the first time", closeAtHalfPastTwo, utc(4, 4, 15, 29), true},
		{"april first 02:30 closes", closeAtHalfPastTwo, utc(4, 4, 15, 30), false},
		{"april second 02:15 still closed", closeAtHalfPastTwo, utc(4, 4, 16, 15), false},
		{"april open 02:30 counts the first time", openAtHalfPastTwo, utc(4, 4, 15, 30), true},
		// October: AEST is UTC+10 until 16:00 UTC on the 3rd, then AEDT UTC+11.
		{"october 01:59 AEST", lateNight, utc(10, 3, 15, 59), true},
		{"october 03:00 AEDT", lateNight, utc(10, 3, 16, 0), true},
		{"october 03:59 AEDT", lateNight, utc(10, 3, 16, 59), true},
		{"october 04:00 AEDT close", lateNight, utc(10, 3, 17, 0), false},
		{"october skipped 02:30 close: open before the jump", closeAtHalfPastTwo,
			utc(10, 3, 15, 59), true},
		{"october skipped 02:30 close: closed at the jump", closeAtHalfPastTwo,
			utc(10, 3, 16, 0), false},
		{"october skipped 02:30 open: closed before the jump", openAtHalfPastTwo,
			utc(10, 3, 15, 59), false},
		{"october skipped 02:30 open: opens at the jump", openAtHalfPastTwo,
			utc(10, 3, 16, 0), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.shop.OpenAt(tt.at); got != tt.want {
				t.Errorf("OpenAt(%s): got %t, want %t", tt.at.In(tt.shop.Location), got, tt.want)
			}
		})
	}

	t.Run("window lengths", func(t *testing.T) {
		for _, tc := range []struct {
			now  time.Time
			want time.Duration
		}{
			{utc(4, 4, 16, 30), 11 * time.Hour}, // one hour repeated
			{utc(10, 3, 16, 30), 9 * time.Hour}, // one hour skipped
		} {
			open, close, ok := lateNight.Window(tc.now)
			if got := close.Sub(open); !ok || got != tc.want {
				t.Errorf("window at %s: got %s (ok %t), want %s", tc.now, got, ok, tc.want)
			}
		}
	})

	t.Run("october skipped 02:30 close is the jump", func(t *testing.T) {
		_, close, ok := closeAtHalfPastTwo.Window(utc(10, 3, 15, 0))
		if want := utc(10, 3, 16, 0); !ok || !close.Equal(want) {
			t.Errorf("got close %s (ok %t), want %s", close, ok, want)
		}
	})
}
