package tools

import (
	"log/slog"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/menu"
)

// Deps are what the tools need from the rest of the program.
type Deps struct {
	Menu  *menu.Menu
	Clock *clock.Clock
	Log   *slog.Logger
}

// New returns the registry of every tool the assistant can call.
func New(d Deps) *Registry {
	return NewRegistry(shopTools(d))
}
