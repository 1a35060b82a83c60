package clock

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

func TestClock_FixedIsInShopZone(t *testing.T) {
	loc := melbourne(t)
	c := Fixed(loc, time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC))
	got := c.Now()
	if got.Location() != loc || got.Hour() != 18 {
		t.Fatalf("got %v, want 18:00 in Melbourne (AEDT)", got)
	}
	c.Advance(30 * time.Minute)
	if got := c.Now(); got.Minute() != 30 {
		t.Fatalf("after Advance got %v", got)
	}
}

func TestClock_StartingRunsOn(t *testing.T) {
	loc := melbourne(t)
	start := time.Date(2026, 7, 1, 12, 0, 0, 0, loc)
	c := Starting(loc, start)
	got := c.Now()
	if d := got.Sub(start); d < 0 || d > time.Minute {
		t.Fatalf("got %v, want just after %v", got, start)
	}
}
