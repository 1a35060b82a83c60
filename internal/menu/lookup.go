package menu

import (
	"slices"

	"github.com/kebabalab/kebabalab/internal/money"
)

// Every lookup that takes a word accepts an id, a name or an alias, in any
// case, with or without accents and punctuation (see Normalize). Lookups
// never guess: near misses are the speech parser's business.

// Shop returns the shop's details and hours.
func (m *Menu) Shop() *Shop {
	return &m.shop
}

// Categories returns the categories in menu order.
func (m *Menu) Categories() []*Category {
	return slices.Clone(m.categories)
}

// Category finds a category by id, name or alias.
func (m *Menu) Category(word string) (*Category, bool) {
	c, ok := m.categoryByWord[Normalize(word)]
	return c, ok
}

// Item finds an item anywhere on the menu by id, name or alias; item words
// are unique across the whole menu.
func (m *Menu) Item(word string) (*Item, bool) {
	it, ok := m.itemByWord[Normalize(word)]
	return it, ok
}

// Item finds an item of the category by id, name or alias.
func (c *Category) Item(word string) (*Item, bool) {
	it, ok := c.itemByWord[Normalize(word)]
	return it, ok
}

// Size finds one of the item's sizes by id, name or alias ("big" is large).
// It reports false for an item sold in one size and for a size the item
// does not come in.
func (it *Item) Size(word string) (*Size, bool) {
	s, ok := it.sizeByWord[Normalize(word)]
	return s, ok
}

// Sized reports whether the item comes in sizes, so that a caller must say
// which.
func (it *Item) Sized() bool {
	return len(it.Sizes) > 0
}

// PriceFor returns the item's price in the size named by word, or its one
// price when word is "" and the item is sold in one size.
func (it *Item) PriceFor(word string) (money.Cents, bool) {
	if word == "" {
		return it.Price, !it.Sized()
	}
	s, ok := it.Size(word)
	if !ok {
		return 0, false
	}
	for _, sp := range it.Sizes {
		if sp.Size == s {
			return sp.Price, true
		}
	}
	return 0, false
}

// Option returns the item's option with the given id, such as "protein".
func (it *Item) Option(id string) (*Option, bool) {
	for _, o := range it.Options {
		if Normalize(o.ID) == Normalize(id) {
			return o, true
		}
	}
	return nil, false
}

// Accepts reports whether modifiers of group g can go on the item.
func (it *Item) Accepts(g Group) bool {
	return slices.Contains(it.Groups, g)
}

// Charge says whether mod can go on the item and what it costs there. A
// modifier the item does not take is NotOffered, never free.
func (it *Item) Charge(mod *Modifier) Charge {
	if mod == nil || !it.Accepts(mod.Group) {
		return Charge{}
	}
	return mod.charges[it.Category.ID]
}

// Value finds one of the option's values by id, name or alias.
func (o *Option) Value(word string) (*Choice, bool) {
	c, ok := o.valueByWord[Normalize(word)]
	return c, ok
}

// Modifiers returns the modifiers of group g in menu order.
func (m *Menu) Modifiers(g Group) []*Modifier {
	return slices.Clone(m.modifiers[g])
}

// Modifier finds a modifier of group g by id, name or alias. The same word
// may name modifiers in two groups: "tomato" is a salad and a sauce.
func (m *Menu) Modifier(g Group, word string) (*Modifier, bool) {
	mod, ok := m.modifierByWord[g][Normalize(word)]
	return mod, ok
}

// Group finds a modifier group by one of its words, such as "salad" in
// "no salad".
func (m *Menu) Group(word string) (Group, bool) {
	g, ok := m.groupByWord[Normalize(word)]
	return g, ok
}

// DefaultSalt returns the salt chips get when the caller does not choose.
func (m *Menu) DefaultSalt() *Modifier {
	return m.defaultSalt
}

// Meals returns the meal price list in menu order.
func (m *Menu) Meals() []*Meal {
	return slices.Clone(m.meals)
}

// Meal finds the meal for an item of category in size (its id, "" for an
// item sold in one size) with chips of size chips (a size id of MealChips,
// or NoChips). All three are ids, as stored on a cart line.
func (m *Menu) Meal(category, size, chips string) (*Meal, bool) {
	meal, ok := m.mealByKey[mealKey{category, size, chips}]
	return meal, ok
}

// MealDrink returns the drink every meal includes and its default choice.
func (m *Menu) MealDrink() MealDrink {
	return m.mealDrink
}

// MealChips returns the chips item meals come with; its sizes are the
// chips sizes a meal may name.
func (m *Menu) MealChips() *Item {
	return m.mealChips
}
