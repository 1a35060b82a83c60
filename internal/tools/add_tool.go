package tools

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/kebabalab/kebabalab/internal/cart"
	"github.com/kebabalab/kebabalab/internal/menu"
)

func addTool(d Deps) Tool {
	m := d.Menu
	item := Object(map[string]any{
		"category": enum("Menu category of the item.", categoryIDs(m)),
		"name": str("The item within the category when it has several, such as " +
			"\"cheesy chips\", \"water\" or a can's brand."),
		"size":     enum("Size, for items that come in sizes. Ask; never guess.", sizeIDs(m)),
		"protein":  enum("Meat or falafel, where the item needs one.", optionValues(m, "protein")),
		"variant":  enum("Gözleme filling.", optionValues(m, "variant")),
		"brand":    enum("Drink brand for cans and energy drinks.", optionValues(m, "brand")),
		"flavour":  enum("Flavour, for iced tea and Turkish delight.", optionValues(m, "flavour")),
		"sauce":    enum("The sauce in a sauce tub.", optionValues(m, "sauce")),
		"salads":   list("Salads to put on it.", modifierIDs(m, menu.Salads)),
		"sauces":   list("Sauces to put on it.", modifierIDs(m, menu.Sauces)),
		"extras":   list("Paid extras; each is charged.", modifierIDs(m, menu.Extras)),
		"quantity": integer("How many, 1 to 99. Default 1."),
		"salt_type": enum("Salt on chips; default chicken salt.",
			modifierIDs(m, menu.Salt)),
		"description": str("Instead of the fields above: the caller's words for one " +
			"item, such as \"large lamb kebab with garlic\"."),
	}) // nothing is required: an item may be given by description alone
	return Tool{
		Name: "addMultipleItemsToCart",
		Description: "Add one or more items to the cart in one go. Ask for every required " +
			"choice first (size for kebabs, HSPs and chips; protein; gözleme filling; drink " +
			"brand). Either every item is added or none is; on an error, ask the caller what " +
			"it says and try again with all the items.",
		Parameters: Object(map[string]any{
			"items": Schema{"type": "array", "items": item, "description": "The items."},
		}, "items"),
		Handle: d.addItems,
	}
}

// itemArgs is one item of addMultipleItemsToCart, in the earlier server's
// argument names. Prices and totals a model adds are not read.
type itemArgs struct {
	Category    string  `json:"category"`
	Name        string  `json:"name"`
	Size        string  `json:"size"`
	Protein     string  `json:"protein"`
	Variant     string  `json:"variant"`
	Brand       string  `json:"brand"`
	Flavour     string  `json:"flavour"`
	Flavor      string  `json:"flavor"`
	Sauce       string  `json:"sauce"`
	Salads      Strings `json:"salads"`
	Sauces      Strings `json:"sauces"`
	Extras      Strings `json:"extras"`
	Quantity    Int     `json:"quantity"`
	SaltType    string  `json:"salt_type"`
	Description string  `json:"description"`
}

func (a itemArgs) spec() (cart.Spec, error) {
	q, err := quantity(a.Quantity)
	if err != nil {
		return cart.Spec{}, err
	}
	s := cart.Spec{Category: a.Category, Item: a.Name, Size: a.Size, Salads: a.Salads,
		Sauces: a.Sauces, Extras: a.Extras, Salt: a.SaltType, Quantity: q}
	choices := map[string]string{"protein": a.Protein, "variant": a.Variant,
		"brand": a.Brand, "flavour": firstOf(a.Flavour, a.Flavor), "sauce": a.Sauce}
	for k, v := range choices {
		if v != "" {
			if s.Choices == nil {
				s.Choices = map[string]string{}
			}
			s.Choices[k] = v
		}
	}
	return s, nil
}

// quantity checks a quantity argument: absent means 1; 0, negatives and
// more than cart.MaxQuantity are refused rather than corrected.
func quantity(q Int) (int, error) {
	if !q.Set {
		return 1, nil
	}
	if q.Value < 1 || q.Value > cart.MaxQuantity {
		return 0, Refuse("How many would you like? I can take 1 to %d of an item.",
			cart.MaxQuantity)
	}
	return q.Value, nil
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

type addResult struct {
	OK       bool       `json:"ok"`
	Added    []cartLine `json:"added"`
	CartSize int        `json:"cartSize"`
	Total    float64    `json:"total"`
	Ignored  []string   `json:"ignoredWords,omitempty"`
	Message  string     `json:"message"`
}

func (d Deps) addItems(_ context.Context, c *Call, args json.RawMessage) (any, error) {
	var a struct {
		Items []json.RawMessage `json:"items"`
	}
	if err := decodeArgs(args, &a); err != nil {
		return nil, err
	}
	if len(a.Items) == 0 {
		return nil, Refuse("Which items would you like to add?")
	}
	specs := make([]cart.Spec, len(a.Items))
	var ignored []string
	for i, raw := range a.Items {
		s, ign, err := d.itemSpec(raw)
		if err != nil {
			return nil, numbered(err, i, len(a.Items))
		}
		specs[i], ignored = s, append(ignored, ign...)
	}
	added, err := c.State.Cart.Add(d.Menu, specs...)
	if err != nil {
		return nil, err
	}
	return d.added(c.State, added, ignored), nil
}

// itemSpec reads one item, given either in fields or by description.
func (d Deps) itemSpec(raw json.RawMessage) (cart.Spec, []string, error) {
	var a itemArgs
	if err := decodeArgs(raw, &a); err != nil {
		return cart.Spec{}, nil, err
	}
	if a.Category == "" && a.Name == "" && a.Description != "" {
		return d.describedItem(a)
	}
	s, err := a.spec()
	return s, nil, err
}

// describedItem parses an item given by description. A quantity field
// beside it counts: models often send {"description": "large lamb kebab",
// "quantity": 2}. It replaces the phrase's quantity when the phrase said
// none (or one); a phrase and a field that name different numbers are
// refused rather than one of them guessed.
func (d Deps) describedItem(a itemArgs) (cart.Spec, []string, error) {
	s, ignored, err := d.parseItem(a.Description)
	if err != nil || !a.Quantity.Set {
		return s, ignored, err
	}
	q, err := quantity(a.Quantity)
	if err != nil {
		return cart.Spec{}, nil, err
	}
	if s.Quantity != 1 && s.Quantity != q {
		return cart.Spec{}, nil, Refuse("Was that %d or %d of them? Please ask the caller "+
			"how many.", s.Quantity, q)
	}
	s.Quantity = q
	return s, ignored, nil
}

func numbered(err error, i, n int) error {
	if n == 1 {
		return err
	}
	msg := "that item is not valid."
	if ce, ok := err.(interface{ CallerMessage() string }); ok {
		msg = ce.CallerMessage()
	}
	return Refuse("Item %d: %s Nothing was added.", i+1, msg)
}

func (d Deps) added(st *State, lines []cart.Line, ignored []string) addResult {
	p := st.Cart.Price(d.Menu)
	r := addResult{OK: true, CartSize: len(p.Lines), Total: p.Total.Dollars(),
		Ignored: ignored}
	first := len(p.Lines) - len(lines)
	var names []string
	for i := first; i < len(p.Lines); i++ {
		r.Added = append(r.Added, lineView(i, p.Lines[i]))
		names = append(names, lowerFirst(p.Lines[i].Text()))
	}
	r.Message = fmt.Sprintf("Added %s. The cart total is now %s.", andList(names),
		p.Total.Spoken())
	return r
}

func andList(words []string) string {
	switch len(words) {
	case 0:
		return "nothing"
	case 1:
		return words[0]
	}
	return joinWith(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
