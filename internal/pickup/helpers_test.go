package pickup

import (
	"errors"
	"testing"
	"time"
)

const layout = "2006-01-02 15:04:05"

func melbourne(tb testing.TB) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation("Australia/Melbourne")
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

// shopTime reads "2026-06-11 16:00" (seconds optional) as Melbourne time.
func shopTime(tb testing.TB, s string) time.Time {
	tb.Helper()
	if len(s) == len("2006-01-02 15:04") {
		s += ":00"
	}
	t, err := time.ParseInLocation(layout, s, melbourne(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// thursday is Thursday 11 June 2026, trading 11:00 AM to 10:00 PM (AEST).
func thursday(tb testing.TB) Window {
	tb.Helper()
	return Window{Open: shopTime(tb, "2026-06-11 11:00"), Close: shopTime(tb, "2026-06-11 22:00")}
}

// lateNight is Friday 12 June 2026, trading 11:00 AM to 2:00 AM Saturday.
func lateNight(tb testing.TB) Window {
	tb.Helper()
	return Window{Open: shopTime(tb, "2026-06-12 11:00"), Close: shopTime(tb, "2026-06-13 02:00")}
}

// utc reads "2026-04-04 15:45" as UTC. Around a clock change the shop's wall
// time is ambiguous or missing, so daylight-saving tests name instants in UTC.
func utc(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// autumnNight runs from 11:00 AM Saturday 4 April 2026 to 4:00 AM Sunday.
// Melbourne leaves daylight time during it: at 3:00 AM AEDT (16:00 UTC) the
// clocks go back to 2:00 AM AEST, so 2:00 to 2:59 happens twice.
func autumnNight(tb testing.TB) Window {
	tb.Helper()
	loc := melbourne(tb)
	return Window{Open: utc(tb, "2026-04-04 00:00").In(loc),
		Close: utc(tb, "2026-04-04 18:00").In(loc)}
}

// springNight runs from 11:00 AM Saturday 3 October 2026 to 4:00 AM Sunday.
// Melbourne starts daylight time during it: at 2:00 AM AEST (16:00 UTC) the
// clocks go forward to 3:00 AM AEDT, so 2:00 to 2:59 never happens.
func springNight(tb testing.TB) Window {
	tb.Helper()
	loc := melbourne(tb)
	return Window{Open: utc(tb, "2026-10-03 01:00").In(loc),
		Close: utc(tb, "2026-10-03 17:00").In(loc)}
}

// newRequest asks for phrase at now in win, with SPEC's 10-minute lead and a
// 20-minute kitchen estimate.
func newRequest(tb testing.TB, win Window, now, phrase string) Request {
	tb.Helper()
	return Request{
		Phrase:   phrase,
		Now:      shopTime(tb, now),
		Window:   win,
		MinLead:  10 * time.Minute,
		Estimate: 20 * time.Minute,
	}
}

// mustResolve resolves r and checks it gives want, a shopTime string.
func mustResolve(tb testing.TB, r Request, want string) {
	tb.Helper()
	got, err := Resolve(r)
	if err != nil {
		tb.Fatalf("Resolve(%q) at %s: got error %v, want %s", r.Phrase,
			r.Now.Format(layout), err, want)
	}
	if w := shopTime(tb, want); !got.Equal(w) || got.Location() != r.Now.Location() {
		tb.Fatalf("Resolve(%q) at %s: got %s, want %s", r.Phrase, r.Now.Format(layout),
			got.Format(time.RFC3339), w.Format(time.RFC3339))
	}
}

// mustRefuse resolves r and checks it is refused for reason.
func mustRefuse(tb testing.TB, r Request, reason Reason) *Refusal {
	tb.Helper()
	got, err := Resolve(r)
	var ref *Refusal
	if !errors.As(err, &ref) {
		tb.Fatalf("Resolve(%q) at %s: got %v, %v, want a %q refusal", r.Phrase,
			r.Now.Format(layout), got.Format(layout), err, reason)
	}
	if ref.Reason != reason {
		tb.Fatalf("Resolve(%q) at %s: got reason %q (%s), want %q", r.Phrase,
			r.Now.Format(layout), ref.Reason, ref.Message, reason)
	}
	return ref
}
