package cart

import (
	"slices"

	"github.com/kebabalab/kebabalab/internal/menu"
)

// Change is an edit to one line. Nil fields leave the line as it is; a
// list that is set replaces the whole list, so "salads: lettuce, tomato"
// means exactly those salads.
type Change struct {
	Size     *string
	Quantity *int
	// Choices sets option values by option id: "protein": "chicken".
	Choices map[string]string
	Salads  *[]string
	Sauces  *[]string
	Extras  *[]string
	// AddExtras and RemoveExtras change single extras, as "cheese: yes"
	// does; removing a standard extra leaves it off the item.
	AddExtras    []string
	RemoveExtras []string
	Salt         *string
	// ChipsSize is the chips of a meal, or the size of a chips line.
	ChipsSize *string
	// Drink is the drink of a meal, or the brand of a can.
	Drink *string
}

// IsZero reports whether the change changes nothing.
func (ch Change) IsZero() bool {
	return ch.Size == nil && ch.Quantity == nil && len(ch.Choices) == 0 &&
		ch.Salads == nil && ch.Sauces == nil && ch.Extras == nil &&
		len(ch.AddExtras) == 0 && len(ch.RemoveExtras) == 0 && ch.Salt == nil &&
		ch.ChipsSize == nil && ch.Drink == nil
}

// Edit applies ch to the line at index i and re-prices it: a meal whose
// size, chips or drink changes takes the matching meal price. The line is
// rebuilt through Build, so an edit is checked exactly as an addition is;
// on refusal the cart is unchanged.
func (c *Cart) Edit(m *menu.Menu, i int, ch Change) (Line, error) {
	if err := c.checkIndex(i); err != nil {
		return Line{}, err
	}
	if ch.IsZero() {
		return Line{}, refuse("What would you like to change about that item?")
	}
	old := c.lines[i]
	s := old.Spec()
	if err := apply(m, &old, &s, ch); err != nil {
		return Line{}, err
	}
	l, err := Build(m, s)
	if err != nil {
		return Line{}, err
	}
	c.lines[i] = l
	return l, nil
}

func apply(m *menu.Menu, old *Line, s *Spec, ch Change) error {
	if ch.Size != nil {
		s.Size = *ch.Size
	}
	if ch.Quantity != nil {
		if *ch.Quantity < 1 || *ch.Quantity > MaxQuantity {
			return refuse("How many would you like? I can take 1 to %d of an item.",
				MaxQuantity)
		}
		s.Quantity = *ch.Quantity
	}
	if len(ch.Choices) > 0 {
		choices := make(map[string]string, len(s.Choices)+len(ch.Choices))
		for k, v := range s.Choices {
			choices[k] = v
		}
		for k, v := range ch.Choices {
			choices[optionKey(old.Item, k, v)] = v
		}
		s.Choices = choices
	}
	setList(&s.Salads, ch.Salads)
	setList(&s.Sauces, ch.Sauces)
	setList(&s.Extras, ch.Extras)
	applyExtras(m, old, s, ch)
	if ch.Salt != nil {
		if err := applySalt(old, s, *ch.Salt); err != nil {
			return err
		}
	}
	if ch.ChipsSize != nil {
		if err := applyChips(old, s, *ch.ChipsSize); err != nil {
			return err
		}
	}
	if ch.Drink != nil {
		return applyDrink(m, old, s, *ch.Drink)
	}
	return nil
}

// optionKey finds which of the item's options a model meant: "protein" on
// a gözleme means its variant when the value is one of the variants. A key
// it cannot place is returned as it is.
func optionKey(it *menu.Item, key, value string) string {
	if o, ok := it.Option(key); ok {
		return o.ID
	}
	for _, o := range it.Options {
		if _, ok := o.Value(value); ok {
			return o.ID
		}
	}
	return key
}

func setList(dst *[]string, src *[]string) {
	if src != nil {
		*dst = slices.Clone(*src)
	}
}

// applyExtras adds and removes single extras. Removing a standard one (an
// HSP's cheese) puts it on the Without list; adding it back takes it off.
func applyExtras(m *menu.Menu, old *Line, s *Spec, ch Change) {
	for _, word := range ch.AddExtras {
		s.Extras = append(s.Extras, word)
		if mod, ok := m.Modifier(menu.Extras, word); ok {
			s.Without = slices.DeleteFunc(s.Without, func(w string) bool { return w == mod.ID })
		}
	}
	for _, word := range ch.RemoveExtras {
		mod, ok := m.Modifier(menu.Extras, word)
		if !ok {
			continue // not on the menu, so not on the line either
		}
		s.Extras = slices.DeleteFunc(s.Extras, func(w string) bool {
			x, ok := m.Modifier(menu.Extras, w)
			return ok && x == mod
		})
		if slices.Contains(old.Item.Standard, mod) && !slices.Contains(s.Without, mod.ID) {
			s.Without = append(s.Without, mod.ID)
		}
	}
}

func applySalt(old *Line, s *Spec, word string) error {
	switch {
	case old.Item.Accepts(menu.Salt):
		s.Salt = word
	case old.Meal != nil && old.Meal.Meal.Chips != menu.NoChips:
		s.Meal.Salt = word
	default:
		return refuse("The %s has no chips to salt.", describeItem(old))
	}
	return nil
}

func applyChips(old *Line, s *Spec, word string) error {
	switch {
	case old.Meal != nil:
		s.Meal.Chips = word
		if isNoChips(word) {
			s.Meal.Salt = ""
		}
	case old.Item.Accepts(menu.Salt) && old.Item.Sized():
		s.Size = word
	default:
		return refuse("The %s has no chips; make it a meal to add chips.", describeItem(old))
	}
	return nil
}

// applyDrink changes a meal's drink, or the brand of a drink that has the
// meal drink's option (a can).
func applyDrink(m *menu.Menu, old *Line, s *Spec, word string) error {
	if old.Meal != nil {
		s.Meal.Drink = word
		return nil
	}
	for _, o := range old.Item.Options {
		if o.ID == m.MealDrink().Option.ID {
			s.Choices[o.ID] = word
			return nil
		}
	}
	return refuse("The %s has no drink to change; make it a meal to add one.",
		describeItem(old))
}
