package cart

import (
	"github.com/kebabalab/kebabalab/internal/menu"
	"github.com/kebabalab/kebabalab/internal/money"
)

// Limits on what one cart holds (SPEC §8).
const (
	MaxQuantity = 99
	MaxLines    = 30
)

// Line is one validated cart line. Its pointers lead into the menu it was
// built from and are read-only.
type Line struct {
	Item *menu.Item
	// Size is nil for an item sold in one size.
	Size *menu.Size
	// Choices holds one value per option of the item, in option order.
	Choices []Choice
	// Salads, Sauces and Extras are what the caller added, in menu order.
	Salads, Sauces, Extras []*menu.Modifier
	// Without lists standard modifiers left off, such as an HSP's cheese.
	Without []*menu.Modifier
	// Salt is set for items that take salt.
	Salt     *menu.Modifier
	Quantity int
	// Meal is set when the line is a meal.
	Meal *Meal
}

// Choice is the value picked for one of an item's options.
type Choice struct {
	Option *menu.Option
	Value  *menu.Choice
}

// Meal is what turns a line into a meal: the meal price row, its drink
// and, when it comes with chips, their salt.
type Meal struct {
	Meal  *menu.Meal
	Drink *menu.Choice
	Salt  *menu.Modifier // nil for a meal without chips
}

// UnitPrice is the price of one of the line: the item's price in its size,
// or the meal price, plus every charged modifier. Modifiers are charged on
// meals too; included ones (cheese on an HSP) cost nothing.
func (l *Line) UnitPrice() money.Cents {
	var p money.Cents
	if l.Meal != nil {
		p = l.Meal.Meal.Price
	} else {
		p = l.basePrice()
	}
	for _, mods := range [][]*menu.Modifier{l.Salads, l.Sauces, l.Extras} {
		for _, mod := range mods {
			if c := l.Item.Charge(mod); c.Availability == menu.Offered {
				p += c.Price
			}
		}
	}
	return p
}

// Total is the unit price times the quantity.
func (l *Line) Total() money.Cents {
	return l.UnitPrice() * money.Cents(l.Quantity)
}

func (l *Line) basePrice() money.Cents {
	if l.Size == nil {
		return l.Item.Price
	}
	for _, sp := range l.Item.Sizes {
		if sp.Size == l.Size {
			return sp.Price
		}
	}
	// Build only makes lines with a size the item comes in.
	panic("cart: line size " + l.Size.ID + " not offered for " + l.Item.ID)
}

// choice returns the line's value for the option with the given id.
func (l *Line) choice(option string) (*menu.Choice, bool) {
	for _, c := range l.Choices {
		if c.Option.ID == option {
			return c.Value, true
		}
	}
	return nil, false
}

// Spec returns the line as a Spec of menu ids, which Build turns back into
// the same line. Stored orders keep it for repeat orders.
func (l *Line) Spec() Spec {
	s := Spec{Category: l.Item.Category.ID, Item: l.Item.ID, Quantity: l.Quantity}
	if l.Size != nil {
		s.Size = l.Size.ID
	}
	if len(l.Choices) > 0 {
		s.Choices = make(map[string]string, len(l.Choices))
		for _, c := range l.Choices {
			s.Choices[c.Option.ID] = c.Value.ID
		}
	}
	s.Salads, s.Sauces, s.Extras = ids(l.Salads), ids(l.Sauces), ids(l.Extras)
	s.Without = ids(l.Without)
	if l.Salt != nil {
		s.Salt = l.Salt.ID
	}
	if l.Meal != nil {
		s.Meal = &MealSpec{Chips: l.Meal.Meal.Chips, Drink: l.Meal.Drink.ID}
		if l.Meal.Salt != nil {
			s.Meal.Salt = l.Meal.Salt.ID
		}
	}
	return s
}

func ids(mods []*menu.Modifier) []string {
	if len(mods) == 0 {
		return nil
	}
	out := make([]string, len(mods))
	for i, mod := range mods {
		out[i] = mod.ID
	}
	return out
}
