package pickup

import (
	"fmt"
	"strconv"
	"time"
)

// Reason says why Resolve refused a pickup time.
type Reason int

// The reasons for a Refusal.
const (
	// ReasonUnclear means the phrase held no time Resolve understands, or
	// more than one.
	ReasonUnclear Reason = iota + 1
	// ReasonTooSoon means the time is before the earliest ready time.
	ReasonTooSoon
	// ReasonPast means the time of day has already gone by.
	ReasonPast
	// ReasonOutsideHours means the time is before opening or after closing.
	ReasonOutsideHours
	// ReasonNotToday means the phrase names tomorrow, another weekday or a
	// span of days.
	ReasonNotToday
	// ReasonClosed means the shop does not open again today, or closes too
	// soon to have any order ready.
	ReasonClosed
)

// String returns a short lower-case name for logs and metrics.
func (r Reason) String() string {
	switch r {
	case ReasonUnclear:
		return "unclear"
	case ReasonTooSoon:
		return "too soon"
	case ReasonPast:
		return "past"
	case ReasonOutsideHours:
		return "outside hours"
	case ReasonNotToday:
		return "not today"
	case ReasonClosed:
		return "closed"
	}
	return "reason " + strconv.Itoa(int(r))
}

// Refusal is the error Resolve returns for a pickup time the shop cannot
// meet. Message is a sentence the assistant can say to the caller as it is:
// it tells them what to ask for instead and names only times and hours.
type Refusal struct {
	Reason  Reason
	Message string
}

// Error describes the refusal for logs, without the caller's phrase.
func (e *Refusal) Error() string {
	return "pickup: refused: " + e.Reason.String()
}

// CallerMessage is the sentence for the assistant to say.
func (e *Refusal) CallerMessage() string { return e.Message }

// Spoken formats t for the assistant to say and for readyAt, always with
// minutes: "6:30 PM", "6:00 PM", "12:00 PM" for noon. It formats t in its own
// location, so pass shop time.
func Spoken(t time.Time) string {
	return t.Format("3:04 PM")
}

func refuseUnclear() error {
	return &Refusal{Reason: ReasonUnclear, Message: "Sorry, what time would you like to " +
		"pick it up? For example 'in 20 minutes' or '6:30 PM'."}
}

func refuseTooSoon(earliest time.Time) error {
	return &Refusal{Reason: ReasonTooSoon,
		Message: "The earliest we can have it ready is " + Spoken(earliest) + "."}
}

func refusePast(earliest time.Time) error {
	return &Refusal{Reason: ReasonPast, Message: "That time has already passed. " +
		"The earliest we can have it ready is " + Spoken(earliest) + "."}
}

func refuseOutsideHours(w Window) error {
	return &Refusal{Reason: ReasonOutsideHours, Message: fmt.Sprintf(
		"We're open %s to %s today; what time suits you?", Spoken(w.Open), Spoken(w.Close))}
}

func refuseNotToday(w Window) error {
	return &Refusal{Reason: ReasonNotToday,
		Message: "We can only take orders for today, until " + Spoken(w.Close) + "."}
}

func refuseClosed() error {
	return &Refusal{Reason: ReasonClosed, Message: "Sorry, we're closed for the rest " +
		"of today, and we can only take orders for today."}
}

func refuseTooLate(w Window) error {
	return &Refusal{Reason: ReasonClosed, Message: "Sorry, we close at " + Spoken(w.Close) +
		", so it's too late to have an order ready today."}
}
