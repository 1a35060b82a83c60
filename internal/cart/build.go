package cart

import (
	"maps"
	"slices"
	"strings"

	"github.com/kebabalab/kebabalab/internal/menu"
)

// Build checks s against the menu and returns the line it names. Anything
// the menu does not have, or does not allow on the item, is refused with a
// sentence saying what to ask; nothing is ever added at no charge by
// mistake.
func Build(m *menu.Menu, s Spec) (Line, error) {
	it, err := findItem(m, &s)
	if err != nil {
		return Line{}, err
	}
	l := Line{Item: it, Quantity: s.Quantity}
	if l.Quantity == 0 {
		l.Quantity = 1
	}
	if l.Quantity < 1 || l.Quantity > MaxQuantity {
		return Line{}, refuse("How many would you like? I can take 1 to %d of an item.",
			MaxQuantity)
	}
	steps := []func() error{
		func() error { return l.setSize(s.Size) },
		func() error { return l.setChoices(s.Choices) },
		func() error { return l.setModifiers(m, s) },
		func() error { return l.setSalt(m, s.Salt) },
		func() error { return l.setMeal(m, s.Meal) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return Line{}, err
		}
	}
	return l, nil
}

// findItem resolves the category and item words. An item may also be named
// by one of its option values alone ("coke" is a can) when only one item of
// the category, or of the menu, has that value; the value then becomes the
// line's choice.
func findItem(m *menu.Menu, s *Spec) (*menu.Item, error) {
	if s.Category == "" && s.Item == "" {
		return nil, refuse("Which item would you like?")
	}
	if s.Category == "" {
		if it, ok := m.Item(s.Item); ok {
			return it, nil
		}
		return byChoice(m, m.Categories(), s)
	}
	c, ok := m.Category(s.Category)
	if !ok {
		return nil, refuse("We don't have %q on the menu. We have %s.", s.Category,
			orList(categoryNames(m)))
	}
	if s.Item == "" || (len(c.Items) == 1 && sameWord(s.Item, c.ID, c.Name, c.Aliases)) {
		if len(c.Items) == 1 {
			return c.Items[0], nil
		}
		if it := byGivenChoice(c, s.Choices); it != nil {
			return it, nil
		}
		return nil, refuse("Which %s would you like: %s?", lower(c.Name),
			orList(itemNames(c.Items)))
	}
	if it, ok := c.Item(s.Item); ok {
		return it, nil
	}
	return byChoice(m, []*menu.Category{c}, s)
}

// byGivenChoice finds the one item of the category that has every choice
// given, as a can is the drink with brand "coke".
func byGivenChoice(c *menu.Category, given map[string]string) *menu.Item {
	var found *menu.Item
	for _, it := range c.Items {
		if len(given) == 0 || len(it.Options) == 0 {
			continue
		}
		fits := true
		for key, word := range given {
			o, ok := it.Option(key)
			if word != "" && (!ok || !hasValue(o, word)) {
				fits = false
			}
		}
		if fits {
			if found != nil {
				return nil
			}
			found = it
		}
	}
	return found
}

func hasValue(o *menu.Option, word string) bool {
	_, ok := o.Value(word)
	return ok
}

// byChoice finds the one item among the categories with an option value
// named s.Item, such as the can whose brand is "coke".
func byChoice(m *menu.Menu, cats []*menu.Category, s *Spec) (*menu.Item, error) {
	var found *menu.Item
	var option, value string
	for _, c := range cats {
		for _, it := range c.Items {
			for _, o := range it.Options {
				v, ok := o.Value(s.Item)
				if !ok {
					continue
				}
				if found != nil && found != it {
					return nil, refuse("%q comes as more than one item (%s or %s); "+
						"which would you like?", s.Item, lower(found.Name), lower(it.Name))
				}
				found, option, value = it, o.ID, v.ID
			}
		}
	}
	if found == nil {
		where := "the menu"
		if len(cats) == 1 && len(m.Categories()) > 1 {
			where = lower(cats[0].Name)
			return nil, refuse("We don't have %q in %s. We have %s.", s.Item, where,
				orList(itemNames(cats[0].Items)))
		}
		return nil, refuse("We don't have %q on %s.", s.Item, where)
	}
	if prev, ok := s.Choices[option]; ok && prev != "" && menu.Normalize(prev) != value {
		return nil, refuse("Did you want %s or %s?", s.Item, prev)
	}
	choices := make(map[string]string, len(s.Choices)+1)
	for k, v := range s.Choices {
		choices[k] = v
	}
	choices[option] = value
	s.Choices = choices
	return found, nil
}

func (l *Line) setSize(word string) error {
	it := l.Item
	if !it.Sized() {
		if word != "" {
			return refuse("The %s comes in one size only.", lower(it.Name))
		}
		return nil
	}
	if word == "" {
		return refuse("What size would you like the %s: %s?", lower(it.Name),
			orList(sizeNames(it)))
	}
	size, ok := it.Size(word)
	if !ok {
		return refuse("The %s comes in %s, not %q.", lower(it.Name), orList(sizeNames(it)),
			word)
	}
	l.Size = size
	return nil
}

func (l *Line) setChoices(given map[string]string) error {
	picked := make(map[string]string, len(given))
	for _, key := range slices.Sorted(maps.Keys(given)) {
		word := given[key]
		if word == "" {
			continue
		}
		// A model may name an option by another item's word ("protein" for
		// a gözleme's variant); the value tells which option it means.
		id := optionKey(l.Item, key, word)
		if _, ok := l.Item.Option(id); !ok {
			return refuse("The %s doesn't come with a choice of %s.", lower(l.Item.Name),
				menu.Normalize(key))
		}
		if prev, ok := picked[id]; ok && menu.Normalize(prev) != menu.Normalize(word) {
			return refuse("Did you want %s or %s?", prev, word)
		}
		picked[id] = word
	}
	for _, o := range l.Item.Options {
		word := picked[o.ID]
		if word == "" {
			return refuse("Which %s would you like for the %s: %s?", o.ID,
				lower(l.Item.Name), orList(choiceNames(o)))
		}
		v, ok := o.Value(word)
		if !ok {
			return refuse("We don't have %q as a %s for the %s. Choose %s.", word, o.ID,
				lower(l.Item.Name), orList(choiceNames(o)))
		}
		l.Choices = append(l.Choices, Choice{Option: o, Value: v})
	}
	return nil
}

func (l *Line) setModifiers(m *menu.Menu, s Spec) error {
	var err error
	if l.Salads, err = l.modifiers(m, menu.Salads, s.Salads); err != nil {
		return err
	}
	if l.Sauces, err = l.modifiers(m, menu.Sauces, s.Sauces); err != nil {
		return err
	}
	if l.Extras, err = l.modifiers(m, menu.Extras, s.Extras); err != nil {
		return err
	}
	for _, word := range s.Without {
		if err := l.leaveOff(m, word); err != nil {
			return err
		}
	}
	return nil
}

// modifiers resolves the words of one group into the item's modifiers in
// menu order, without repeats. Included ones are already on the item and
// are not listed again.
func (l *Line) modifiers(m *menu.Menu, g menu.Group, words []string) ([]*menu.Modifier,
	error,
) {
	var picked []*menu.Modifier
	for _, word := range words {
		if strings.TrimSpace(word) == "" {
			continue
		}
		mod, ok := m.Modifier(g, word)
		if !ok {
			return nil, refuse("We don't have %q among the %s. We have %s.", word, g,
				andList(l.offered(m, g)))
		}
		switch l.Item.Charge(mod).Availability {
		case menu.NotOffered:
			return nil, refuse("%s isn't available on the %s.", capital(mod.Name),
				lower(l.Item.Name))
		case menu.Included:
			continue
		}
		if !slices.Contains(picked, mod) {
			picked = append(picked, mod)
		}
	}
	order := m.Modifiers(g)
	slices.SortFunc(picked, func(a, b *menu.Modifier) int {
		return slices.Index(order, a) - slices.Index(order, b)
	})
	return picked, nil
}

// leaveOff takes a modifier off the line: a standard one goes on the
// Without list, an added one is dropped, anything else is already off.
func (l *Line) leaveOff(m *menu.Menu, word string) error {
	known := false
	for _, g := range []menu.Group{menu.Salads, menu.Sauces, menu.Extras} {
		mod, ok := m.Modifier(g, word)
		if !ok {
			continue
		}
		known = true
		if slices.Contains(l.Item.Standard, mod) && !slices.Contains(l.Without, mod) {
			l.Without = append(l.Without, mod)
		}
		l.Salads = slices.DeleteFunc(l.Salads, func(x *menu.Modifier) bool { return x == mod })
		l.Sauces = slices.DeleteFunc(l.Sauces, func(x *menu.Modifier) bool { return x == mod })
		l.Extras = slices.DeleteFunc(l.Extras, func(x *menu.Modifier) bool { return x == mod })
	}
	if !known {
		return refuse("We don't have %q, so it won't be on it.", word)
	}
	return nil
}

func (l *Line) setSalt(m *menu.Menu, word string) error {
	if !l.Item.Accepts(menu.Salt) {
		if word != "" {
			return refuse("Salt only goes on chips; the %s doesn't take it.",
				lower(l.Item.Name))
		}
		return nil
	}
	salt, err := pickSalt(m, word)
	l.Salt = salt
	return err
}

func pickSalt(m *menu.Menu, word string) (*menu.Modifier, error) {
	if word == "" {
		return m.DefaultSalt(), nil
	}
	salt, ok := m.Modifier(menu.Salt, word)
	if !ok {
		return nil, refuse("We don't have %q salt. Choose %s.", word,
			orList(modifierNames(m.Modifiers(menu.Salt))))
	}
	return salt, nil
}
