package cart_test

import (
	"testing"

	"github.com/kebabalab/kebabalab/internal/cart"
	"github.com/kebabalab/kebabalab/internal/menu"
)

// cartOf returns a cart holding the specs, failing the test otherwise.
func cartOf(t *testing.T, m *menu.Menu, specs ...cart.Spec) *cart.Cart {
	t.Helper()
	var k cart.Cart
	if _, err := k.Add(m, specs...); err != nil {
		t.Fatal(err)
	}
	return &k
}

func TestEdit(t *testing.T) {
	m := loadMenu(t)
	meal := kebab("small", "lamb")
	meal.Meal = &cart.MealSpec{}
	chips := cart.Spec{Category: "chips", Item: "chips", Size: "small"}
	cases := []struct {
		name   string
		start  cart.Spec
		change cart.Change
		want   string // unit price
		check  func(t *testing.T, l cart.Line)
	}{
		{"size of a kebab", kebab("small", "lamb"), cart.Change{Size: ptr("large")}, "15.00",
			nil},
		{"size of a meal re-prices it", meal, cart.Change{Size: ptr("large")}, "22.00",
			func(t *testing.T, l cart.Line) {
				if l.Meal.Meal.ID != "large_kebab_meal" {
					t.Errorf("meal = %s", l.Meal.Meal.ID)
				}
			}},
		{"chips of a meal", meal, cart.Change{ChipsSize: ptr("large")}, "20.00", nil},
		{"no chips makes kebab and can", meal, cart.Change{ChipsSize: ptr("none")}, "12.00",
			func(t *testing.T, l cart.Line) {
				if l.Meal.Salt != nil {
					t.Error("a meal without chips kept a salt")
				}
			}},
		{"drink of a meal", meal, cart.Change{Drink: ptr("pepsi max")}, "17.00",
			func(t *testing.T, l cart.Line) {
				if l.Meal.Drink.ID != "pepsi_max" {
					t.Errorf("drink = %s", l.Meal.Drink.ID)
				}
			}},
		{"protein of a meal", meal, cart.Change{Choices: map[string]string{
			"protein": "chicken"}}, "17.00", func(t *testing.T, l cart.Line) {
			if l.Choices[0].Value.ID != "chicken" {
				t.Errorf("protein = %s", l.Choices[0].Value.ID)
			}
		}},
		{"protein of a gozleme means its variant", cart.Spec{Category: "gozleme",
			Choices: map[string]string{"variant": "lamb"}},
			cart.Change{Choices: map[string]string{"protein": "vegan"}}, "15.00",
			func(t *testing.T, l cart.Line) {
				if l.Choices[0].Value.ID != "vegan" {
					t.Errorf("variant = %s", l.Choices[0].Value.ID)
				}
			}},
		{"salads replaced keep tomato", with(kebab("small", "lamb"), func(s *cart.Spec) {
			s.Salads = []string{"lettuce"}
			s.Sauces = []string{"tomato sauce"}
		}), cart.Change{Salads: &[]string{"lettuce", "tomato", "onion"}}, "10.00",
			func(t *testing.T, l cart.Line) {
				if got := ids(l.Salads); got != "lettuce,tomato,onion" {
					t.Errorf("salads = %s", got)
				}
				if got := ids(l.Sauces); got != "tomato" {
					t.Errorf("sauces = %s", got)
				}
			}},
		{"sauces replaced", kebab("small", "lamb"),
			cart.Change{Sauces: &[]string{"garlic", "sweet chilli"}}, "10.00", nil},
		{"cheese on charges", kebab("small", "lamb"), cart.Change{AddExtras: []string{
			"cheese"}}, "11.00", nil},
		{"cheese off an HSP", hsp("small", "lamb"), cart.Change{RemoveExtras: []string{
			"cheese"}}, "15.00", func(t *testing.T, l cart.Line) {
			if ids(l.Without) != "cheese" {
				t.Errorf("without = %s", ids(l.Without))
			}
		}},
		{"extras replaced on a meal", meal, cart.Change{Extras: &[]string{"haloumi",
			"extra meat"}}, "23.50", nil},
		{"quantity", kebab("small", "lamb"), cart.Change{Quantity: ptr(3)}, "10.00",
			func(t *testing.T, l cart.Line) {
				if l.Quantity != 3 || l.Total() != 3000 {
					t.Errorf("quantity %d total %v", l.Quantity, l.Total())
				}
			}},
		{"salt on chips", chips, cart.Change{Salt: ptr("normal")}, "5.00",
			func(t *testing.T, l cart.Line) {
				if l.Salt.ID != "normal" {
					t.Errorf("salt = %s", l.Salt.ID)
				}
			}},
		{"salt on meal chips", meal, cart.Change{Salt: ptr("none")}, "17.00",
			func(t *testing.T, l cart.Line) {
				if l.Meal.Salt.ID != "none" {
					t.Errorf("salt = %s", l.Meal.Salt.ID)
				}
			}},
		{"chips size of a chips line", chips, cart.Change{ChipsSize: ptr("large")}, "9.00",
			nil},
		{"brand of a can", can("coke"), cart.Change{Drink: ptr("sprite")}, "3.50",
			func(t *testing.T, l cart.Line) {
				if l.Choices[0].Value.ID != "sprite" {
					t.Errorf("brand = %s", l.Choices[0].Value.ID)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := cartOf(t, m, c.start)
			l, err := k.Edit(m, 0, c.change)
			if err != nil {
				t.Fatal(err)
			}
			if got := l.UnitPrice(); got != dollars(t, c.want) {
				t.Errorf("unit price = %v, want %s", got, c.want)
			}
			if c.check != nil {
				c.check(t, l)
			}
			if stored, _ := k.Line(0); stored.UnitPrice() != l.UnitPrice() {
				t.Error("the cart does not hold the edited line")
			}
		})
	}
}

func TestEditRefusalsLeaveTheLine(t *testing.T) {
	m := loadMenu(t)
	meal := hsp("small", "lamb")
	meal.Meal = &cart.MealSpec{}
	cases := []struct {
		name   string
		start  cart.Spec
		index  int
		change cart.Change
		want   string
	}{
		{"index out of range", kebab("small", "lamb"), 4, cart.Change{Size: ptr("large")},
			"1 line, indexes 0 to 0"},
		{"nothing to change", kebab("small", "lamb"), 0, cart.Change{}, "what would you"},
		{"unknown size", kebab("small", "lamb"), 0, cart.Change{Size: ptr("huge")},
			"small or large"},
		{"unknown protein", kebab("small", "lamb"), 0,
			cart.Change{Choices: map[string]string{"protein": "beef"}}, "beef"},
		{"quantity 0", kebab("small", "lamb"), 0, cart.Change{Quantity: ptr(0)}, "1 to 99"},
		{"quantity 100", kebab("small", "lamb"), 0, cart.Change{Quantity: ptr(100)},
			"1 to 99"},
		{"extra not offered", can("coke"), 0, cart.Change{AddExtras: []string{"cheese"}},
			"isn't available"},
		{"large chips on an HSP combo", meal, 0, cart.Change{ChipsSize: ptr("large")},
			"large chips"},
		{"chips size on a kebab", kebab("small", "lamb"), 0,
			cart.Change{ChipsSize: ptr("large")}, "make it a meal"},
		{"drink on a kebab", kebab("small", "lamb"), 0, cart.Change{Drink: ptr("coke")},
			"make it a meal"},
		{"salt on a kebab", kebab("small", "lamb"), 0, cart.Change{Salt: ptr("normal")},
			"no chips"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := cartOf(t, m, c.start)
			before := k.Fingerprint()
			_, err := k.Edit(m, c.index, c.change)
			wantRefusal(t, err, c.want)
			if k.Fingerprint() != before {
				t.Error("a refused edit changed the cart")
			}
		})
	}
}

func with(s cart.Spec, f func(*cart.Spec)) cart.Spec { f(&s); return s }

func ids(mods []*menu.Modifier) string {
	out := ""
	for i, mod := range mods {
		if i > 0 {
			out += ","
		}
		out += mod.ID
	}
	return out
}
