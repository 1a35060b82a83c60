package tools

import (
	"log/slog"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/menu"
	"github.com/kebabalab/kebabalab/internal/speech"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// Deps are what the tools need from the rest of the program.
type Deps struct {
	Menu  *menu.Menu
	Clock *clock.Clock
	Log   *slog.Logger

	// Store keeps orders and the SMS outbox.
	Store *sqlite.Store
	// Notify wakes the SMS worker after messages are queued; nil is a no-op.
	Notify func()
	// ShopSMSTo is the shop's mobile in E.164 form for new-order texts;
	// empty means the shop is not texted.
	ShopSMSTo string
	// MenuLinkURL is what sendMenuLink texts; empty turns that tool into a
	// polite "not available".
	MenuLinkURL string

	// speech reads spoken items against Menu. New builds it once: indexing
	// the menu's words per call would cost more than the parse itself.
	speech *speech.Parser
}

// New returns the registry of every tool the assistant can call.
func New(d Deps) *Registry {
	d.speech = speech.New(d.Menu)
	return NewRegistry(shopTools(d), cartTools(d), pickupTools(d), orderTools(d), statusTools(d),
		[]Tool{menuTool(d), addTool(d), quickAddTool(d), editTool(d), mealsTool(d)})
}

// notify wakes the SMS worker, if there is one.
func (d Deps) notify() {
	if d.Notify != nil {
		d.Notify()
	}
}
