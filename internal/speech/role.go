package speech

import "github.com/kebabalab/kebabalab/internal/menu"

// roleKind is what a phrase means for the line's item: the same word is a
// kebab's protein, a gözleme's variant and a chips salt.
type roleKind int

const (
	roleNone        roleKind = iota // an option value of other items only
	roleItem                        // the item or its category
	roleChips                       // the meal's chips
	roleDrinkItem                   // the meal's drink, or its category
	roleSize                        // a size the item comes in
	roleBadSize                     // a size the item does not come in
	roleOption                      // a value of one of the item's options
	roleDrink                       // a choice of the meal's drink
	roleModifier                    // a salad, sauce, extra or salt the item takes
	roleGroup                       // a whole modifier group the item takes
	roleUnavailable                 // a modifier or group the item does not take
)

type role struct {
	kind  roleKind
	size  *menu.Size
	opt   *menu.Option
	value string
	mod   *menu.Modifier
	group menu.Group
	meal  bool // a salt for the meal's chips, not the item
}

// role reads e for the line's item. The item's own words come first, then
// sizes and modifiers it takes, then the meal's chips and drink, and last
// the modifiers it does not take, which are refused rather than dropped.
func (r *reading) role(e *entry) role {
	it := r.it
	for _, mn := range e.means {
		switch {
		case mn.Kind == menu.KindItem && mn.Item == it.ID,
			mn.Kind == menu.KindCategory && mn.Category == it.Category.ID:
			return role{kind: roleItem}
		case mn.Kind == menu.KindOption && mn.Item == it.ID:
			return role{kind: roleOption, opt: optionOf(it, mn.Option), value: mn.ID}
		}
	}
	if ro, ok := sizeRole(e, it); ok {
		return ro
	}
	if ro, ok := r.modifierRole(e); ok {
		return ro
	}
	if r.meal {
		if ro, ok := r.mealRole(e); ok {
			return ro
		}
	}
	for _, mn := range e.means {
		switch mn.Kind {
		case menu.KindModifier:
			return role{kind: roleUnavailable, mod: mn.mod, group: mn.Group}
		case menu.KindGroup:
			return role{kind: roleUnavailable, group: mn.Group}
		}
	}
	return role{kind: roleNone}
}

// optionOf returns the item's option by id; the ids come from the same
// menu, so no normalising is needed.
func optionOf(it *menu.Item, id string) *menu.Option {
	for _, o := range it.Options {
		if o.ID == id {
			return o
		}
	}
	return nil
}

// sizeRole finds the size a size word means for it: "small" is 250 g for a
// meat container.
func sizeRole(e *entry, it *menu.Item) (role, bool) {
	found := false
	for _, mn := range e.means {
		if mn.Kind != menu.KindSize {
			continue
		}
		found = true
		for _, sp := range it.Sizes {
			if sp.Size.ID == mn.ID {
				return role{kind: roleSize, size: sp.Size}, true
			}
		}
	}
	return role{kind: roleBadSize}, found
}

// modifierRole picks the meaning of a modifier word among the groups the
// item takes, an offered modifier over one not offered. On a meal, salt
// the item does not take goes on the meal's chips.
func (r *reading) modifierRole(e *entry) (role, bool) {
	it := r.it
	var unavailable *meaning
	for i, mn := range e.means {
		switch {
		case mn.Kind == menu.KindModifier && it.Accepts(mn.Group):
			if it.Charge(mn.mod).Availability != menu.NotOffered {
				return role{kind: roleModifier, mod: mn.mod, group: mn.Group}, true
			}
			if unavailable == nil {
				unavailable = &e.means[i]
			}
		case mn.Kind == menu.KindGroup && it.Accepts(mn.Group):
			return role{kind: roleGroup, group: mn.Group}, true
		case r.forMealChips(mn):
			return role{kind: roleModifier, mod: mn.mod, group: mn.Group, meal: true}, true
		case mn.Kind == menu.KindGroup && r.meal && mn.Group == menu.Salt &&
			r.p.mealChips.Accepts(menu.Salt) && !it.Accepts(menu.Salt):
			return role{kind: roleGroup, group: mn.Group, meal: true}, true
		}
	}
	if unavailable != nil {
		return role{kind: roleUnavailable, mod: unavailable.mod, group: unavailable.Group}, true
	}
	return role{}, false
}

func (r *reading) forMealChips(mn meaning) bool {
	return r.meal && mn.Kind == menu.KindModifier && mn.Group == menu.Salt &&
		!r.it.Accepts(menu.Salt) && r.p.mealChips.Charge(mn.mod).Availability != menu.NotOffered
}

// mealRole reads the meal's chips, drink and drink choice.
func (r *reading) mealRole(e *entry) (role, bool) {
	chips, drink := r.p.mealChips, r.p.drink
	for _, mn := range e.means {
		switch {
		case mn.Kind == menu.KindItem && mn.Item == chips.ID:
			return role{kind: roleChips}, true
		case mn.Kind == menu.KindItem && mn.Item == drink.Item.ID,
			mn.Kind == menu.KindCategory && mn.Category == drink.Item.Category.ID:
			return role{kind: roleDrinkItem}, true
		case mn.Kind == menu.KindOption && mn.Item == drink.Item.ID && mn.Option == drink.Option.ID:
			return role{kind: roleDrink, opt: drink.Option, value: mn.ID}, true
		}
	}
	return role{}, false
}

// fits reports whether e makes sense on the item, to settle a misheard
// word with several readings.
func (r *reading) fits(e *entry) bool {
	switch r.role(e).kind {
	case roleNone, roleBadSize, roleUnavailable:
		return false
	}
	return true
}
