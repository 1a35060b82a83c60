package tools

import (
	"slices"

	"github.com/kebabalab/kebabalab/internal/menu"
)

// The schemas' enums come from the loaded menu, so the assistant is told
// exactly the words the server accepts and a menu edit updates them.

func str(desc string) Schema {
	return Schema{"type": "string", "description": desc}
}

func enum(desc string, values []string) Schema {
	s := str(desc)
	if len(values) > 0 {
		s["enum"] = values
	}
	return s
}

func integer(desc string) Schema {
	return Schema{"type": "integer", "description": desc}
}

func list(desc string, values []string) Schema {
	items := Schema{"type": "string"}
	if len(values) > 0 {
		items["enum"] = values
	}
	return Schema{"type": "array", "description": desc, "items": items}
}

func categoryIDs(m *menu.Menu) []string {
	var out []string
	for _, c := range m.Categories() {
		out = append(out, c.ID)
	}
	return out
}

// optionValues lists the value ids of every option with the given id,
// across the menu, without repeats.
func optionValues(m *menu.Menu, option string) []string {
	var out []string
	for _, c := range m.Categories() {
		for _, it := range c.Items {
			o, ok := it.Option(option)
			if !ok {
				continue
			}
			for _, v := range o.Values {
				if !slices.Contains(out, v.ID) {
					out = append(out, v.ID)
				}
			}
		}
	}
	return out
}

func modifierIDs(m *menu.Menu, g menu.Group) []string {
	var out []string
	for _, mod := range m.Modifiers(g) {
		out = append(out, mod.ID)
	}
	return out
}

func sizeIDs(m *menu.Menu) []string {
	var out []string
	for _, c := range m.Categories() {
		for _, it := range c.Items {
			for _, sp := range it.Sizes {
				if !slices.Contains(out, sp.Size.ID) {
					out = append(out, sp.Size.ID)
				}
			}
		}
	}
	return out
}

// mealDrinkIDs lists the drinks a meal may come with: the values of the
// meal drink item's own option, not every option of that name on the menu
// (energy drinks have brands too, but a meal comes with a can).
func mealDrinkIDs(m *menu.Menu) []string {
	var out []string
	for _, v := range m.MealDrink().Option.Values {
		out = append(out, v.ID)
	}
	return out
}

func mealChipsSizes(m *menu.Menu) []string {
	out := []string{}
	for _, sp := range m.MealChips().Sizes {
		out = append(out, sp.Size.ID)
	}
	return append(out, menu.NoChips)
}
