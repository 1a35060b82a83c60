package tools

import "github.com/kebabalab/kebabalab/internal/cart"

// parseItem turns the caller's words for one item into a spec, and returns
// the words that matched nothing on the menu. A phrase the caller must
// clarify comes back as the parser's refusal, a CallerError whose sentence
// says what to ask. The parser is the one New built from the menu.
func (d Deps) parseItem(phrase string) (cart.Spec, []string, error) {
	r, err := d.speech.Parse(phrase)
	if err != nil {
		return cart.Spec{}, nil, err
	}
	return r.Spec, r.Ignored, nil
}
