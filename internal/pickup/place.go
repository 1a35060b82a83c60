package pickup

import (
	"slices"
	"time"
)

// candidates returns, in order, the instants on the window's calendar dates
// at which the shop clock reads w (both readings when am or pm is open). The
// window must be in the shop's location.
func candidates(w wall, win Window) []time.Time {
	hours := []int{w.hour}
	if w.either {
		hours = append(hours, w.hour+12)
	}
	loc := win.Open.Location()
	// Calendar dates are counted in UTC, where every day has 24 hours.
	y, m, d := win.Open.Date()
	ly, lm, ld := win.Close.Date()
	last := time.Date(ly, lm, ld, 0, 0, 0, 0, time.UTC)
	var out []time.Time
	for date := time.Date(y, m, d, 0, 0, 0, 0, time.UTC); !date.After(last); {
		for _, h := range hours {
			face := time.Duration(h)*time.Hour + time.Duration(w.minute)*time.Minute
			out = append(out, instants(date.Add(face), loc)...)
		}
		date = date.AddDate(0, 0, 1)
	}
	slices.SortFunc(out, time.Time.Compare)
	return out
}

// instants returns the instants at which the clock in loc shows reading,
// whose date and time fields, taken in UTC, are the wanted clock face.
// Usually there is one; in the hour repeated when clocks go back there are
// two. In the hour skipped when clocks go forward there is none, and the
// result is the instant the reading would have been under the offset in force
// before the change, which the clock shows an hour (the shift) later.
func instants(reading time.Time, loc *time.Location) []time.Time {
	// A day either side is clear of the change, whichever way it went.
	_, before := reading.Add(-fullDay).In(loc).Zone()
	_, after := reading.Add(fullDay).In(loc).Zone()
	var out []time.Time
	for _, offset := range []int{before, after} {
		t := reading.Add(-time.Duration(offset) * time.Second).In(loc)
		if shows(t, reading) && !slices.ContainsFunc(out, t.Equal) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		out = append(out, reading.Add(-time.Duration(before)*time.Second).In(loc))
	}
	return out
}

// shows reports whether the clock at t shows the face of reading.
func shows(t, reading time.Time) bool {
	y, m, d := t.Date()
	return time.Date(y, m, d, t.Hour(), t.Minute(), 0, 0, time.UTC).Equal(reading)
}
