package tools

import (
	"sync"
	"time"

	"github.com/kebabalab/kebabalab/internal/cart"
)

// Call is what a handler knows about the call it serves. The State is
// locked by the dispatcher for the whole handler run.
type Call struct {
	ID           string // VAPI call id, or chat id; "" for a one-off request
	ToolCallID   string
	CallerNumber string // as VAPI sent it; unvalidated, may be ""
	State        *State
}

// State is everything remembered about one call between tool calls. It is
// keyed by call id, never by phone number, so two calls from one number
// never share a cart.
type State struct {
	mu sync.Mutex

	// Cart is what the caller is ordering.
	Cart cart.Cart

	// Pickup is the agreed ready time; zero until setPickupTime or
	// estimateReadyTime has run.
	Pickup time.Time

	// ended is set by endCall; the webhook then drops the session.
	ended bool
}

// NewState returns an empty call state.
func NewState() *State { return &State{} }

// Lock serialises tool calls of one call: VAPI may send several at once.
func (s *State) Lock() { s.mu.Lock() }

// Unlock releases the state.
func (s *State) Unlock() { s.mu.Unlock() }

// End marks the call finished.
func (s *State) End() { s.ended = true }

// Ended reports whether endCall ran.
func (s *State) Ended() bool { return s.ended }
