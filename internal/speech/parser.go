// Package speech turns one spoken order phrase, such as "two large lamb
// kebabs with the lot, no onion", into one cart line spec. It knows no
// words of its own: every phrase it understands comes from the menu's
// names, aliases and speech section (menu.Terms).
package speech

import "github.com/kebabalab/kebabalab/internal/cart"

// Bounds of what Parse reads. A cart line is a few dozen words; the bounds
// keep the work per call small whatever the assistant sends.
const (
	maxPhrase = 500 // bytes
	maxTokens = 64  // words
)

// Bounds of a quantity, as SPEC §7 gives them.
const (
	minQuantity = 1
	maxQuantity = 99
)

// Result is one cart line read from a phrase.
type Result struct {
	// Spec names the line in menu ids: item, size, option values and
	// modifiers; Category is the item's category id and Quantity is 1..99.
	Spec cart.Spec
	// Ignored lists, in order and normalised, the words of the phrase that
	// matched nothing on the menu ("pineapple"), so that the assistant can
	// tell the caller what was left out.
	Ignored []string
}

// Parse reads one phrase into one cart line. A phrase the caller must
// clarify, or one that asks for something the menu cannot make, gives a
// *Refusal whose message says what to ask.
func (p *Parser) Parse(phrase string) (Result, error) {
	if len(phrase) > maxPhrase {
		return Result{}, refuseTooLong()
	}
	toks, ok := p.tokens(phrase)
	if !ok {
		return Result{}, refuseTooLong()
	}
	if len(toks) == 0 {
		return Result{}, refuseEmpty()
	}
	r := reading{p: p, toks: toks, segs: p.segment(toks)}
	if err := r.findItem(); err != nil {
		return Result{}, err
	}
	if err := r.walk(); err != nil {
		return Result{}, err
	}
	return r.result()
}
