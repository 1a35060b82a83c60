package menu

import "time"

// Opening hours are wall-clock times on the shop's calendar. On the two
// daylight-saving days a wall time can happen twice (clocks go back) or not
// at all (clocks go forward); wallTime settles both the way a person
// watching the shop clock would: the first time the clock shows it, or the
// moment the clock jumps past it.

// OpenAt reports whether the shop is trading at t.
func (s *Shop) OpenAt(t time.Time) bool {
	_, _, ok := s.windowContaining(t)
	return ok
}

// Window returns the trading window containing now, or else the next window
// that opens later on now's shop-local date. ok is false when the shop has
// closed for the day or does not open that day. A window that opened
// yesterday and closes after midnight contains the small hours of today.
func (s *Shop) Window(now time.Time) (open, close time.Time, ok bool) {
	if o, c, ok := s.windowContaining(now); ok {
		return o, c, true
	}
	open, close, ok = s.DayWindow(now)
	if ok && now.Before(open) {
		return open, close, true
	}
	return time.Time{}, time.Time{}, false
}

// DayWindow returns the trading window that opens on day's shop-local date,
// whatever the time of day; ok is false on a closed day. Use it to tell a
// caller the day's hours after closing.
func (s *Shop) DayWindow(day time.Time) (open, close time.Time, ok bool) {
	local := day.In(s.Location)
	y, m, d := local.Date()
	h := s.week[local.Weekday()]
	if h.closed {
		return time.Time{}, time.Time{}, false
	}
	closeDay := d
	if h.close <= h.open {
		closeDay++ // time.Date carries the overflow into the next month
	}
	return s.wallTime(y, m, d, h.open), s.wallTime(y, m, closeDay, h.close), true
}

// ReadyMinutes estimates how many minutes an order of lines cart lines
// takes: the prep rule's base plus its per-line minutes, capped at its max.
func (s *Shop) ReadyMinutes(lines int) int {
	// Past Max lines the cap applies anyway, and the product cannot overflow.
	lines = min(max(lines, 0), s.Prep.Max)
	return min(s.Prep.Base+s.Prep.PerLine*lines, s.Prep.Max)
}

// QueuedReadyMinutes is ReadyMinutes for a kitchen with queued orders not
// yet ready: the prep rule's per-queued-order minutes, capped at its queue
// max, are added to the cart's own estimate.
func (s *Shop) QueuedReadyMinutes(lines, queued int) int {
	queued = min(max(queued, 0), s.Prep.QueueMax)
	return s.ReadyMinutes(lines) + min(s.Prep.PerQueued*queued, s.Prep.QueueMax)
}

func (s *Shop) windowContaining(t time.Time) (open, close time.Time, ok bool) {
	y, m, d := t.In(s.Location).Date()
	yesterday := time.Date(y, m, d-1, 12, 0, 0, 0, s.Location)
	for _, day := range []time.Time{yesterday, t} {
		o, c, ok := s.DayWindow(day)
		if ok && !t.Before(o) && t.Before(c) {
			return o, c, true
		}
	}
	return time.Time{}, time.Time{}, false
}

// wallTime returns the first instant of the shop-local date y-m-d whose
// clock reads minute minutes after midnight, or, when a daylight-saving
// jump skips that reading, the instant of the jump.
func (s *Shop) wallTime(y int, m time.Month, d, minute int) time.Time {
	want := time.Date(y, m, d, minute/60, minute%60, 0, 0, time.UTC)
	t := time.Date(y, m, d, minute/60, minute%60, 0, 0, s.Location)
	start, end := t.ZoneBounds()
	switch got := wall(t); {
	case got.After(want): // skipped, and t landed after the jump
		return start
	case got.Before(want): // skipped, and t landed before the jump
		return end
	}
	// The reading repeats when the zone before t's had a larger offset;
	// the earlier instant then lies just before t's zone starts.
	if start.IsZero() {
		return t
	}
	_, offset := t.Zone()
	_, before := start.Add(-time.Second).Zone()
	earlier := t.Add(-time.Duration(before-offset) * time.Second)
	if before > offset && earlier.Before(start) && wall(earlier).Equal(want) {
		return earlier
	}
	return t
}

// wall returns t's clock reading as a time in UTC, to compare readings
// across zone offsets.
func wall(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}
