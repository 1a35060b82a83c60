package cart

import (
	"strconv"
	"strings"

	"github.com/kebabalab/kebabalab/internal/menu"
	"github.com/kebabalab/kebabalab/internal/money"
)

// Priced is the cart with every figure worked out from the menu. Prices
// include GST; GST is the part of Total that is tax, and Subtotal the rest.
type Priced struct {
	Lines    []PricedLine
	Total    money.Cents
	GST      money.Cents
	Subtotal money.Cents
	// Items counts units, not lines: two kebabs on one line are 2.
	Items int
}

// PricedLine is one line with its price and the words that describe it.
type PricedLine struct {
	Line
	// Name is what the line is: "Large Kebab", "Small kebab meal".
	Name string
	// Details lists its choices and modifiers: "lamb, lettuce, garlic".
	Details string
	Unit    money.Cents
	Amount  money.Cents
}

// Text is the line as one readable phrase: "2x Large Kebab (lamb, garlic)".
func (p PricedLine) Text() string {
	var b strings.Builder
	if p.Quantity > 1 {
		b.WriteString(strconv.Itoa(p.Quantity))
		b.WriteString("x ")
	}
	b.WriteString(p.Name)
	if p.Details != "" {
		b.WriteString(" (")
		b.WriteString(p.Details)
		b.WriteString(")")
	}
	return b.String()
}

// Price works out the cart. GST comes from the menu's rate.
func (c *Cart) Price(m *menu.Menu) Priced {
	p := Priced{Lines: make([]PricedLine, len(c.lines))}
	for i := range c.lines {
		p.Lines[i] = priceLine(c.lines[i])
		p.Total += p.Lines[i].Amount
		p.Items += c.lines[i].Quantity
	}
	p.GST = money.IncludedTax(p.Total, m.Shop().GSTPercent)
	p.Subtotal = p.Total - p.GST
	return p
}

func priceLine(l Line) PricedLine {
	unit := l.UnitPrice()
	return PricedLine{Line: l, Name: l.Name(), Details: l.Details(),
		Unit: unit, Amount: unit * money.Cents(l.Quantity)}
}

// Name is what the line is, in the menu's words: "Large Kebab", or the
// meal's name for a meal.
func (l *Line) Name() string {
	if l.Meal != nil {
		return capital(l.Meal.Meal.Name)
	}
	if l.Size != nil {
		return capital(l.Size.Name) + " " + lower(l.Item.Name)
	}
	return l.Item.Name
}

// Details lists the line's choices, modifiers, salt and meal parts.
func (l *Line) Details() string {
	var parts []string
	for _, c := range l.Choices {
		parts = append(parts, c.Value.Name)
	}
	for _, mods := range [][]*menu.Modifier{l.Salads, l.Sauces, l.Extras} {
		for _, mod := range mods {
			parts = append(parts, mod.Name)
		}
	}
	for _, mod := range l.Without {
		parts = append(parts, "no "+mod.Name)
	}
	if l.Salt != nil {
		parts = append(parts, l.Salt.Name)
	}
	if l.Meal != nil {
		if l.Meal.Meal.Chips != menu.NoChips {
			parts = append(parts, l.Meal.Meal.Chips+" chips")
		}
		if l.Meal.Salt != nil {
			parts = append(parts, l.Meal.Salt.Name)
		}
		parts = append(parts, l.Meal.Drink.Name)
	}
	return strings.Join(parts, ", ")
}
