// Package clock provides the shop clock: the one source of "now" for the
// whole program, always in the shop's time zone, never the server's.
package clock

import (
	"sync"
	"time"
)

// Clock tells the current time in the shop's time zone. Its zero value is
// not usable; build one with New, Starting or Fixed.
type Clock struct {
	loc    *time.Location
	offset time.Duration

	mu    sync.Mutex
	fixed *time.Time // set by Fixed clocks, moved by Advance
	now   func() time.Time
}

// New returns a clock reading the real time in loc.
func New(loc *time.Location) *Clock {
	return &Clock{loc: loc, now: time.Now}
}

// Starting returns a clock that reads start now and then runs on in real
// time. It serves KEBABALAB_NOW: test calls outside opening hours.
func Starting(loc *time.Location, start time.Time) *Clock {
	return &Clock{loc: loc, offset: time.Until(start), now: time.Now}
}

// Fixed returns a clock stopped at t until Advance or Set moves it. Tests use
// it so that no assertion depends on when it runs.
func Fixed(loc *time.Location, t time.Time) *Clock {
	return &Clock{loc: loc, fixed: &t, now: time.Now}
}

// Now returns the current shop time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fixed != nil {
		return c.fixed.In(c.loc)
	}
	return c.now().Add(c.offset).In(c.loc)
}

// Location returns the shop's time zone.
func (c *Clock) Location() *time.Location { return c.loc }

// Advance moves a fixed clock forward by d. It panics on a running clock,
// which would be a mistake in a test.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fixed == nil {
		panic("clock: Advance on a running clock")
	}
	t := c.fixed.Add(d)
	c.fixed = &t
}

// Set moves a fixed clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fixed == nil {
		panic("clock: Set on a running clock")
	}
	c.fixed = &t
}
