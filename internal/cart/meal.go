package cart

import "github.com/kebabalab/kebabalab/internal/menu"

// setMeal makes the line a meal, priced from the menu's meal list. With no
// chips size asked for, the meal comes with the first chips size the menu
// has a meal for, else without chips (an HSP already holds chips).
func (l *Line) setMeal(m *menu.Menu, s *MealSpec) error {
	if s == nil {
		return nil
	}
	size := ""
	if l.Size != nil {
		size = l.Size.ID
	}
	cat := l.Item.Category.ID
	chips, err := mealChips(m, cat, size, s.Chips)
	if err != nil {
		return err
	}
	meal, ok := m.Meal(cat, size, chips)
	if !ok {
		if !canBeMeal(m, cat) {
			return refuse("The %s can't be made a meal.", lower(l.Item.Name))
		}
		return refuse("%s doesn't come as a meal with %s.", capital(describeItem(l)),
			chipsPhrase(m, chips))
	}
	drink := m.MealDrink()
	brand := drink.Default
	if s.Drink != "" {
		if brand, ok = drink.Option.Value(s.Drink); !ok {
			return refuse("We don't have %q as the meal drink. Choose %s.", s.Drink,
				orList(choiceNames(drink.Option)))
		}
	}
	l.Meal = &Meal{Meal: meal, Drink: brand}
	if chips != menu.NoChips {
		if l.Meal.Salt, err = pickSalt(m, s.Salt); err != nil {
			return err
		}
	}
	return nil
}

// mealChips turns a chips word into a size id of the meal chips item, or
// menu.NoChips; an empty word picks the default for the item.
func mealChips(m *menu.Menu, cat, size, word string) (string, error) {
	chips := m.MealChips()
	if word == "" {
		for _, sp := range chips.Sizes {
			if _, ok := m.Meal(cat, size, sp.Size.ID); ok {
				return sp.Size.ID, nil
			}
		}
		return menu.NoChips, nil
	}
	if isNoChips(word) {
		return menu.NoChips, nil
	}
	s, ok := chips.Size(word)
	if !ok {
		return "", refuse("Meal chips come %s, or none.", orList(sizeNames(chips)))
	}
	return s.ID, nil
}

// isNoChips reads the ways a model says a meal has no chips: the menu's
// own id "none", or an empty answer such as "no" or "without".
func isNoChips(word string) bool {
	switch menu.Normalize(word) {
	case menu.NoChips, "no", "no chips", "without", "without chips", "0", "false":
		return true
	}
	return false
}

func canBeMeal(m *menu.Menu, category string) bool {
	for _, meal := range m.Meals() {
		if meal.Category == category {
			return true
		}
	}
	return false
}

func chipsPhrase(m *menu.Menu, chips string) string {
	if chips == menu.NoChips {
		return "no chips"
	}
	if s, ok := m.MealChips().Size(chips); ok {
		return lower(s.Name) + " chips"
	}
	return chips + " chips"
}
