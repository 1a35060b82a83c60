// Package pickup turns what a caller says about pickup time ("in 20 minutes",
// "half past six", "asap") into an instant on the shop clock, or into a
// refusal the voice assistant can read out. It is pure: the caller supplies
// the shop clock reading and today's trading window.
package pickup

import (
	"errors"
	"fmt"
	"time"
)

// ErrInvalidWindow reports a trading window that closes before it opens or
// lasts longer than 48 hours: a mistake in the caller, not in the phrase.
var ErrInvalidWindow = errors.New("pickup: invalid trading window")

// maxWindow bounds a trading window; it also keeps the search over calendar
// dates in candidates short.
const maxWindow = 48 * time.Hour

// Window is one trading window of the shop. Close may fall after midnight
// (11:00 to 02:00). The zero Window means the shop does not open again today.
type Window struct {
	Open, Close time.Time
}

// IsZero reports whether w is the zero Window.
func (w Window) IsZero() bool {
	return w.Open.IsZero() && w.Close.IsZero()
}

// Request is a pickup time to resolve.
type Request struct {
	// Phrase is what the caller said, such as "um, about half past six".
	Phrase string
	// Now is the shop clock. Its location is the shop's time zone, which
	// every clock reading in Phrase refers to and the result is given in.
	Now time.Time
	// Window is today's trading window: the one containing Now, or the next
	// one today. It is zero when the shop does not open again today.
	Window Window
	// MinLead is the least time from now to pickup (10 minutes in SPEC §7).
	// Before opening it counts from opening time, when the kitchen starts.
	MinLead time.Duration
	// Estimate is the kitchen's estimate, used for "asap" only. It is not a
	// floor for a requested time, because the cart may still change after the
	// time is set; pass max(MinLead, Estimate) as MinLead to make it one.
	Estimate time.Duration
}

// Resolve returns the time the caller asked for in r.Phrase, in r.Now's
// location, rounded up to the minute. It is no earlier than r.Now plus
// r.MinLead and lies within r.Window, closing time included.
//
// A time of day names its next occurrence while the shop is open: "at 7" at
// 4 PM is 7 PM, and "at 1" at 11:30 PM, in a window closing at 2 AM, is 1 AM.
// "asap" is r.Estimate from now (from opening, before the shop opens),
// capped at closing time: closing time asked for by name would be accepted.
//
// Clocks changing for daylight saving: spans are real time, so "in 30
// minutes" is always 30 minutes away. In the hour repeated when clocks go
// back, a clock reading names its next occurrence. In the hour skipped when
// they go forward, a reading names the instant it would have been had the
// clocks not changed: "2:30 AM" resolves to 3:30 AM daylight time, which is
// the time the assistant then says back.
//
// A time the shop cannot meet is refused with a *Refusal.
func Resolve(r Request) (time.Time, error) {
	if r.Window.IsZero() {
		return time.Time{}, refuseClosed()
	}
	d, err := newDay(r)
	if err != nil {
		return time.Time{}, err
	}
	w := parse(r.Phrase)
	switch {
	case d.otherDay(w):
		return time.Time{}, refuseNotToday(d.win)
	case w.kind == kindASAP:
		return d.asap(r.Estimate), nil
	case w.kind == kindAfter:
		return d.after(w.after)
	case w.kind == kindAt:
		return d.at(w.at)
	}
	return time.Time{}, refuseUnclear()
}

// day is the shop as one Resolve call sees it, all in shop time.
type day struct {
	now      time.Time
	win      Window
	start    time.Time // when the kitchen can start: now, or opening time
	lead     time.Duration
	earliest time.Time // start plus lead, rounded up to the minute
}

func newDay(r Request) (day, error) {
	loc := r.Now.Location()
	win := Window{Open: r.Window.Open.In(loc), Close: r.Window.Close.In(loc)}
	if span := win.Close.Sub(win.Open); span <= 0 || span > maxWindow {
		return day{}, fmt.Errorf("%w: %s to %s", ErrInvalidWindow,
			win.Open.Format(time.RFC3339), win.Close.Format(time.RFC3339))
	}
	start := r.Now
	if start.Before(win.Open) {
		start = win.Open
	}
	lead := max(r.MinLead, 0)
	d := day{now: r.Now, win: win, start: start, lead: lead,
		earliest: ceilMinute(start.Add(lead))}
	if d.earliest.After(win.Close) {
		return day{}, refuseTooLate(win)
	}
	return d, nil
}

// otherDay reports whether w names a day other than today. A weekday is
// today's when it is the clock's or, after midnight, the window's opening day.
func (d day) otherDay(w wish) bool {
	if w.otherDay {
		return true
	}
	for _, wd := range w.days {
		if wd != d.now.Weekday() && wd != d.win.Open.Weekday() {
			return true
		}
	}
	return false
}

func (d day) asap(estimate time.Duration) time.Time {
	t := ceilMinute(d.start.Add(max(estimate, d.lead)))
	if t.After(d.win.Close) {
		// newDay made sure earliest, a whole minute, is not after Close.
		return d.win.Close.Truncate(time.Minute)
	}
	return t
}

func (d day) after(span time.Duration) (time.Time, error) {
	t := ceilMinute(d.now.Add(span))
	if d.outside(t) {
		return time.Time{}, refuseOutsideHours(d.win)
	}
	return d.notTooSoon(t)
}

// at picks the first reading of w in the window that is not yet past.
func (d day) at(w wall) (time.Time, error) {
	past := false
	for _, t := range candidates(w, d.win) {
		switch {
		case d.outside(t):
		case t.Before(d.now):
			past = true
		default:
			return d.notTooSoon(t)
		}
	}
	if past {
		return time.Time{}, refusePast(d.earliest)
	}
	return time.Time{}, refuseOutsideHours(d.win)
}

func (d day) outside(t time.Time) bool {
	return t.Before(d.win.Open) || t.After(d.win.Close)
}

func (d day) notTooSoon(t time.Time) (time.Time, error) {
	if t.Before(d.earliest) {
		return time.Time{}, refuseTooSoon(d.earliest)
	}
	return t, nil
}

// ceilMinute rounds t up to a whole minute. Truncate works on absolute time,
// which matches the clock because zone offsets are whole minutes.
func ceilMinute(t time.Time) time.Time {
	down := t.Truncate(time.Minute)
	if down.Before(t) {
		return down.Add(time.Minute)
	}
	return down
}
