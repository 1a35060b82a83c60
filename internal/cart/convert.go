package cart

import (
	"slices"

	"github.com/kebabalab/kebabalab/internal/menu"
)

// Conversion reports what ConvertToMeals did.
type Conversion struct {
	// Converted holds the indexes, after folding, of the lines now meals.
	Converted []int
	// Folded counts the separate cans taken out of the cart because the
	// meals now include them.
	Folded int
}

// ConvertToMeals turns the lines at indexes (all lines that can be meals
// and are not yet, when indexes is empty) into meals as ms describes.
// Separate cans of the meal's brand already in the cart are folded in, one
// per meal unit, so the caller does not pay for a drink twice. All lines
// convert or none do.
func (c *Cart) ConvertToMeals(m *menu.Menu, indexes []int, ms MealSpec) (Conversion, error) {
	targets, err := c.mealTargets(m, indexes)
	if err != nil {
		return Conversion{}, err
	}
	next := slices.Clone(c.lines)
	for _, i := range targets {
		s := next[i].Spec()
		spec := ms
		s.Meal = &spec
		l, err := Build(m, s)
		if err != nil {
			return Conversion{}, refuse("Item %d (%s): %s", i, describeItem(&next[i]),
				message(err))
		}
		next[i] = l
	}
	conv := Conversion{Folded: fold(m, next, targets)}
	c.lines = c.lines[:0]
	for i, l := range next {
		if l.Quantity == 0 {
			continue // a can folded into a meal
		}
		if slices.Contains(targets, i) {
			conv.Converted = append(conv.Converted, len(c.lines))
		}
		c.lines = append(c.lines, l)
	}
	return conv, nil
}

// mealTargets picks the lines to convert. Named lines must be able to be
// meals; an unnamed choice takes every line that can and is not one yet.
func (c *Cart) mealTargets(m *menu.Menu, indexes []int) ([]int, error) {
	if len(indexes) == 0 {
		var all []int
		for i := range c.lines {
			if c.lines[i].Meal == nil && canBeMeal(m, c.lines[i].Item.Category.ID) {
				all = append(all, i)
			}
		}
		if len(all) == 0 {
			return nil, refuse("There's nothing in the cart that can be made a meal; " +
				"kebabs, HSPs and gözleme can.")
		}
		return all, nil
	}
	var out []int
	for _, i := range indexes {
		if err := c.checkIndex(i); err != nil {
			return nil, err
		}
		if !canBeMeal(m, c.lines[i].Item.Category.ID) {
			return nil, refuse("Item %d (%s) can't be made a meal.", i,
				describeItem(&c.lines[i]))
		}
		if !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return out, nil
}

// fold removes separate cans that the converted meals now include: for
// each meal unit, one can of the same brand, taken from the cart's can
// lines in order, leaving emptied lines at quantity 0. It returns how many
// cans it took.
func fold(m *menu.Menu, lines []Line, targets []int) int {
	drink := m.MealDrink()
	folded := 0
	for _, t := range targets {
		want := lines[t].Quantity
		brand := lines[t].Meal.Drink
		for i := range lines {
			if want == 0 {
				break
			}
			l := &lines[i]
			if l.Meal != nil || l.Item != drink.Item || l.Quantity == 0 {
				continue
			}
			if v, ok := l.choice(drink.Option.ID); !ok || v != brand {
				continue
			}
			n := min(want, l.Quantity)
			l.Quantity -= n
			want -= n
			folded += n
		}
	}
	return folded
}
