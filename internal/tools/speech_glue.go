package tools

import "github.com/kebabalab/kebabalab/internal/cart"

// parseItem turns the caller's words for one item into a spec.
func (d Deps) parseItem(phrase string) (cart.Spec, []string, error) {
	return cart.Spec{}, nil, Refuse("Please give the item's category and details.")
}
