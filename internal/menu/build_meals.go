package menu

import (
	"slices"
	"strings"
)

// buildMealParts reads the drink and the chips that meals are made with.
// Without meals neither is needed.
func (b *builder) buildMealParts(f *fileMenu) {
	if len(f.Meals) == 0 && f.MealDrink == (fileMealDrink{}) && f.MealChips == (fileMealChips{}) {
		return
	}
	b.buildMealDrink("meal_drink", f.MealDrink)
	chips := b.mealItem(field("meal_chips", "item"), f.MealChips.Item)
	if chips != nil && len(chips.Sizes) == 0 {
		b.p.add(field("meal_chips", "item"), "item %s has no sizes for meals to choose from",
			chips.ID)
	}
	b.m.mealChips = chips
}

func (b *builder) buildMealDrink(path string, f fileMealDrink) {
	it := b.mealItem(field(path, "item"), f.Item)
	if it == nil {
		return
	}
	if len(it.Options) != 1 {
		b.p.add(field(path, "item"), "item %s must have exactly one option, such as brand", it.ID)
		return
	}
	o := it.Options[0]
	d := slices.IndexFunc(o.Values, func(c *Choice) bool { return c.ID == f.Default })
	switch {
	case f.Default == "":
		b.p.add(field(path, "default"), "missing: name the %s used when the caller does not say",
			o.ID)
	case d < 0:
		b.p.add(field(path, "default"), "%q is not a %s of item %s", f.Default, o.ID, it.ID)
	default:
		b.m.mealDrink = MealDrink{Item: it, Option: o, Default: o.Values[d]}
	}
}

func (b *builder) mealItem(path, id string) *Item {
	if id == "" {
		b.p.add(path, "missing")
		return nil
	}
	it := b.items[id]
	if it == nil {
		b.p.add(path, "unknown item %q", id)
	}
	return it
}

// buildMeals reads the meal price list. A meal is known by its category,
// item size and chips size, so no two meals may share all three.
func (b *builder) buildMeals(list []fileMeal) {
	seen := ids{}
	keys := map[mealKey]string{}
	for i, f := range list {
		path := index("meals", i)
		if checkID(b.p, field(path, "id"), f.ID) {
			seen.unique(b.p, field(path, "id"), f.ID)
		}
		if f.Name == "" {
			b.p.add(field(path, "name"), "missing")
		}
		meal := &Meal{ID: f.ID, Name: f.Name, Category: f.Category, Size: f.Size, Chips: f.Chips}
		meal.Price, _ = price(b.p, field(path, "price"), f.Price, false)
		okCat := b.checkMealCategory(path, f)
		okChips := b.checkMealChips(field(path, "chips"), f.Chips)
		key := mealKey{f.Category, f.Size, f.Chips}
		if first, dup := keys[key]; dup {
			b.p.add(path, "same category, size and chips as %s", first)
			continue
		}
		keys[key] = path
		if okCat && okChips {
			b.m.meals = append(b.m.meals, meal)
			b.m.mealByKey[key] = meal
		}
	}
}

// checkMealCategory checks that the meal's category exists and has an item
// in the meal's size, or sold in one size when the meal names none.
func (b *builder) checkMealCategory(path string, f fileMeal) bool {
	cat := b.categories[f.Category]
	switch {
	case f.Category == "":
		b.p.add(field(path, "category"), "missing")
	case cat == nil:
		b.p.add(field(path, "category"), "unknown category %q", f.Category)
	case b.faulty[cat]: // reported where the category is; its sizes may be wrong
	case slices.ContainsFunc(cat.Items, func(it *Item) bool { return offersSize(it, f.Size) }):
		return true
	case f.Size == "":
		b.p.add(field(path, "size"), "missing: items in %s come in sizes", f.Category)
	default:
		b.p.add(field(path, "size"), "no item in %s comes in size %q", f.Category, f.Size)
	}
	return false
}

func offersSize(it *Item, size string) bool {
	if size == "" {
		return len(it.Sizes) == 0
	}
	return slices.ContainsFunc(it.Sizes, func(s SizePrice) bool { return s.Size.ID == size })
}

func (b *builder) checkMealChips(path, chips string) bool {
	if chips == "" {
		b.p.add(path, "missing: %q or a size of the meal chips", NoChips)
		return false
	}
	if chips == NoChips || b.m.mealChips == nil || offersSize(b.m.mealChips, chips) {
		return true
	}
	sizes := []string{NoChips}
	for _, s := range b.m.mealChips.Sizes {
		sizes = append(sizes, s.Size.ID)
	}
	b.p.add(path, "%q is not one of: %s", chips, strings.Join(sizes, ", "))
	return false
}
