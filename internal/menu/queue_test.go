package menu

import (
	"strings"
	"testing"
)

func TestShop_QueuedReadyMinutes(t *testing.T) {
	s := mustLoad(t, shippedMenu).Shop()
	tests := []struct {
		lines, queued, want int
	}{
		{0, 0, 15},  // the cart rule alone: SPEC's min(15 + 2 × lines, 30)
		{1, 0, 17},  // an empty kitchen adds nothing
		{1, 3, 23},  // 2 minutes per queued order
		{8, 4, 38},  // the cart cap and the queue add up
		{1, 10, 37}, // the queue allowance stops at 20
		{1, -2, 17}, // a nonsense count adds nothing
		{1, 1 << 62, 37},
	}
	for _, tt := range tests {
		if got := s.QueuedReadyMinutes(tt.lines, tt.queued); got != tt.want {
			t.Errorf("QueuedReadyMinutes(%d, %d): got %d, want %d", tt.lines, tt.queued,
				got, tt.want)
		}
	}
}

// A file without the queue keys keeps the estimate it had.
func TestShop_QueuedReadyMinutes_Optional(t *testing.T) {
	s := mustLoad(t, minimalMenu).Shop()
	if got := s.QueuedReadyMinutes(1, 5); got != s.ReadyMinutes(1) {
		t.Errorf("got %d, want %d without a queue rule", got, s.ReadyMinutes(1))
	}
}

func TestParse_QueueRuleProblems(t *testing.T) {
	tests := []struct {
		name    string
		changes []change
		path    string
		message string
	}{
		{"per queued order negative", []change{{"shop.prep_minutes.per_queued_order", -1}},
			"shop.prep_minutes.per_queued_order", "out of range 0 to 60"},
		{"queue max too large", []change{{"shop.prep_minutes.queue_max", 500}},
			"shop.prep_minutes.queue_max", "out of range 0 to 240"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			probs := problemsOf(t, mustFail(t, edited(t, tt.changes...)))
			if len(probs) != 1 || probs[0].Path != tt.path ||
				!strings.Contains(probs[0].Message, tt.message) {
				t.Errorf("got %v, want one problem at %s containing %q", probs, tt.path,
					tt.message)
			}
		})
	}
}
