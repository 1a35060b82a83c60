package tools

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/kebabalab/kebabalab/internal/cart"
	"github.com/kebabalab/kebabalab/internal/menu"
)

func mealsTool(d Deps) Tool {
	m := d.Menu
	return Tool{
		Name: "convertItemsToMeals",
		Description: "Make kebabs, HSPs or gözleme into meals (with chips and a can; an " +
			"HSP combo adds only a can). Ask which drink and, for kebabs, small or large " +
			"chips or no chips first. Cans of the same drink already in the cart are " +
			"folded into the meals so they are not charged twice; tell the caller.",
		Parameters: Object(map[string]any{
			"itemIndices": Schema{"type": "array", "items": Schema{"type": "integer"},
				"description": "Lines to convert, from 0; leave out for every item that " +
					"can be a meal."},
			"drinkBrand": enum("The meal's can; default "+m.MealDrink().Default.Name+".",
				mealDrinkIDs(m)),
			"chipsSize": enum("Meal chips size; \"none\" makes a kebab and can.",
				mealChipsSizes(m)),
			"chipsSalt": enum("Salt on the meal chips.", modifierIDs(m, menu.Salt)),
		}),
		Handle: d.convertItemsToMeals,
	}
}

type mealsResult struct {
	OK         bool       `json:"ok"`
	Converted  []int      `json:"converted"`
	FoldedCans int        `json:"foldedCans"`
	Cart       []cartLine `json:"cart"`
	Total      float64    `json:"total"`
	Message    string     `json:"message"`
}

func (d Deps) convertItemsToMeals(_ context.Context, c *Call, args json.RawMessage) (any,
	error,
) {
	var a struct {
		ItemIndices json.RawMessage `json:"itemIndices"`
		DrinkBrand  string          `json:"drinkBrand"`
		ChipsSize   string          `json:"chipsSize"`
		ChipsSalt   string          `json:"chipsSalt"`
	}
	if err := decodeArgs(args, &a); err != nil {
		return nil, err
	}
	indexes, err := readIndexes(a.ItemIndices)
	if err != nil {
		return nil, err
	}
	conv, err := c.State.Cart.ConvertToMeals(d.Menu, indexes, cart.MealSpec{
		Chips: a.ChipsSize, Drink: a.DrinkBrand, Salt: a.ChipsSalt})
	if err != nil {
		return nil, err
	}
	p := c.State.Cart.Price(d.Menu)
	var names []string
	for _, i := range conv.Converted {
		names = append(names, lowerFirst(p.Lines[i].Text()))
	}
	msg := fmt.Sprintf("Made %s into %s: %s.", plural(len(conv.Converted), "item"),
		mealWord(len(conv.Converted)), andList(names))
	if conv.Folded > 0 {
		msg += fmt.Sprintf(" The %s already ordered %s now part of the meals, so "+
			"not charged separately.", plural(conv.Folded, "separate can"),
			isAre(conv.Folded))
	}
	msg += " The cart total is now " + p.Total.Spoken() + "."
	return mealsResult{OK: true, Converted: conv.Converted, FoldedCans: conv.Folded,
		Cart: cartLines(p), Total: p.Total.Dollars(), Message: msg}, nil
}

func mealWord(n int) string {
	if n == 1 {
		return "a meal"
	}
	return "meals"
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// readIndexes accepts [0, 2], ["0", "2"], a single 1, "1" or "0,2".
func readIndexes(raw json.RawMessage) ([]int, error) {
	if !isSet(raw) {
		return nil, nil
	}
	raw = bytes.TrimSpace(raw)
	var list []Int
	if raw[0] != '[' {
		var s Strings
		if json.Unmarshal(raw, &s) == nil && raw[0] == '"' {
			for _, part := range s {
				var n Int
				if err := n.UnmarshalJSON([]byte(part)); err != nil {
					return nil, Refuse("Give itemIndices as a list of line numbers from 0.")
				}
				list = append(list, n)
			}
		} else {
			raw = append(append([]byte{'['}, raw...), ']')
		}
	}
	if list == nil {
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, Refuse("Give itemIndices as a list of line numbers from 0.")
		}
	}
	out := make([]int, 0, len(list))
	for _, n := range list {
		if n.Set {
			out = append(out, n.Value)
		}
	}
	return out, nil
}
