package tools

import (
	"strings"

	"github.com/kebabalab/kebabalab/internal/cart"
)

// cartLine is one line of the cart as the assistant sees it. Money is in
// dollars as a JSON number (SPEC §6).
type cartLine struct {
	Index     int     `json:"index"`
	Name      string  `json:"name"`
	Details   string  `json:"details,omitempty"`
	Quantity  int     `json:"quantity"`
	IsMeal    bool    `json:"isMeal"`
	Price     float64 `json:"price"`
	LineTotal float64 `json:"lineTotal"`
}

func cartLines(p cart.Priced) []cartLine {
	out := make([]cartLine, len(p.Lines))
	for i, l := range p.Lines {
		out[i] = lineView(i, l)
	}
	return out
}

func lineView(i int, l cart.PricedLine) cartLine {
	return cartLine{Index: i, Name: l.Name, Details: l.Details, Quantity: l.Quantity,
		IsMeal: l.Meal != nil, Price: l.Unit.Dollars(), LineTotal: l.Amount.Dollars()}
}

// spokenList joins line texts for the assistant to read out: "2x Large
// kebab (lamb, garlic); Small HSP (chicken)".
func spokenList(p cart.Priced) string {
	texts := make([]string, len(p.Lines))
	for i, l := range p.Lines {
		texts[i] = l.Text()
	}
	return strings.Join(texts, "; ")
}
