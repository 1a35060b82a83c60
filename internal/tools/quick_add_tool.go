package tools

import (
	"context"
	"encoding/json"
	"fmt"
)

func quickAddTool(d Deps) Tool {
	return Tool{
		Name: "quickAddItem",
		Description: "Add one item to the cart from the caller's own words, such as \"two " +
			"large lamb kebabs with the lot, no onion\" or \"a can of coke zero\". Call it " +
			"once per item, after the caller has given the item's size (kebabs, HSPs, chips), " +
			"protein (kebab, HSP, meat container), gözleme filling and drink brand; if a " +
			"choice is missing it refuses with the question to ask, so ask it and call again " +
			"with the whole item. Words in ignoredWords are not on the menu and were left " +
			"out: tell the caller.",
		Parameters: Object(map[string]any{
			"description": str("The caller's words for one item, with its quantity, size, " +
				"protein and any salads, sauces, extras or things to leave out."),
		}, "description"),
		Handle: d.quickAddItem,
	}
}

// quickAddResult is the answer to quickAddItem: the one line added.
type quickAddResult struct {
	OK       bool     `json:"ok"`
	Item     cartLine `json:"item"`
	CartSize int      `json:"cartSize"`
	Total    float64  `json:"total"`
	Ignored  []string `json:"ignoredWords,omitempty"`
	Message  string   `json:"message"`
}

// quickAddItem parses one phrase and adds the line through the same
// cart.Add as addMultipleItemsToCart, so the quantity and line caps and
// the prices cannot differ between the two tools. On a refusal the cart is
// untouched.
func (d Deps) quickAddItem(_ context.Context, c *Call, args json.RawMessage) (any, error) {
	var a struct {
		Description *string `json:"description"`
	}
	if err := decodeArgs(args, &a); err != nil {
		return nil, err
	}
	if a.Description == nil {
		// The assistant left the argument out: tell it how to call, rather
		// than have it ask the caller to repeat themselves.
		return nil, Refuse("Send the caller's words for one item as description, such as " +
			"\"large lamb kebab with garlic\".")
	}
	spec, ignored, err := d.parseItem(*a.Description)
	if err != nil {
		return nil, err
	}
	lines, err := c.State.Cart.Add(d.Menu, spec)
	if err != nil {
		return nil, err
	}
	added := d.added(c.State, lines, ignored)
	r := quickAddResult{OK: true, Item: added.Added[0], CartSize: added.CartSize,
		Total: added.Total, Ignored: ignored, Message: added.Message}
	if len(ignored) > 0 {
		r.Message += fmt.Sprintf(" Not on the menu, so left out: %s.",
			joinWith(ignored, " "))
	}
	return r, nil
}
