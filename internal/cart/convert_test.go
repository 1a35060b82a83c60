package cart_test

import (
	"slices"
	"testing"

	"github.com/kebabalab/kebabalab/internal/cart"
)

func TestConvertFoldsSeparateCans(t *testing.T) {
	m := loadMenu(t)
	k := cartOf(t, m, kebab("small", "lamb"), kebab("small", "chicken"), can("coke"),
		can("Coca-Cola"))
	conv, err := k.ConvertToMeals(m, nil, cart.MealSpec{})
	if err != nil {
		t.Fatal(err)
	}
	if conv.Folded != 2 || !slices.Equal(conv.Converted, []int{0, 1}) {
		t.Errorf("conversion = %+v, want both kebabs converted and 2 cans folded", conv)
	}
	if p := k.Price(m); p.Total != dollars(t, "34.00") || k.Len() != 2 {
		t.Errorf("total %v with %d lines, want $34.00 with 2", p.Total, k.Len())
	}
}

func TestConvertFoldsOnePerMealUnit(t *testing.T) {
	m := loadMenu(t)
	two := kebab("large", "mix")
	two.Quantity = 2
	threeCokes := can("coke")
	threeCokes.Quantity = 3
	k := cartOf(t, m, threeCokes, can("fanta"), two)
	conv, err := k.ConvertToMeals(m, []int{2}, cart.MealSpec{Chips: "large"})
	if err != nil {
		t.Fatal(err)
	}
	if conv.Folded != 2 || !slices.Equal(conv.Converted, []int{2}) {
		t.Errorf("conversion = %+v", conv)
	}
	lines := k.Lines()
	if lines[0].Quantity != 1 || lines[1].Choices[0].Value.ID != "fanta" {
		t.Errorf("one coke and the fanta should stay: %+v", lines[:2])
	}
	// 2 × $25 meals + 1 coke + 1 fanta
	if p := k.Price(m); p.Total != dollars(t, "57.00") {
		t.Errorf("total = %v", p.Total)
	}
}

func TestConvertKinds(t *testing.T) {
	m := loadMenu(t)
	gozleme := cart.Spec{Category: "gozleme", Choices: map[string]string{"variant": "vegan"}}
	cases := []struct {
		name  string
		start []cart.Spec
		idx   []int
		ms    cart.MealSpec
		total string
		fold  int
	}{
		{"kebab and can, fanta folded", []cart.Spec{kebab("small", "lamb"), can("fanta")},
			nil, cart.MealSpec{Chips: "none", Drink: "fanta"}, "12.00", 1},
		{"coke not folded into a fanta meal", []cart.Spec{kebab("small", "lamb"),
			can("coke")}, nil, cart.MealSpec{Drink: "fanta"}, "20.50", 0},
		{"hsp combo", []cart.Spec{hsp("large", "lamb")}, nil, cart.MealSpec{}, "22.00", 0},
		{"gozleme meal", []cart.Spec{gozleme}, nil, cart.MealSpec{Chips: "small"}, "23.00",
			0},
		{"only the named line", []cart.Spec{kebab("small", "lamb"), kebab("large", "lamb")},
			[]int{1}, cart.MealSpec{}, "32.00", 0},
		{"chips and drinks stay as they are", []cart.Spec{kebab("small", "lamb"),
			{Category: "chips", Item: "chips", Size: "small"}, {Item: "water"}}, nil,
			cart.MealSpec{}, "25.00", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := cartOf(t, m, c.start...)
			conv, err := k.ConvertToMeals(m, c.idx, c.ms)
			if err != nil {
				t.Fatal(err)
			}
			if p := k.Price(m); p.Total != dollars(t, c.total) || conv.Folded != c.fold {
				t.Errorf("total %v folded %d, want %s and %d", p.Total, conv.Folded,
					c.total, c.fold)
			}
		})
	}
}

func TestConvertRefusals(t *testing.T) {
	m := loadMenu(t)
	meal := kebab("small", "lamb")
	meal.Meal = &cart.MealSpec{}
	cases := []struct {
		name  string
		start []cart.Spec
		idx   []int
		ms    cart.MealSpec
		want  string
	}{
		{"nothing eligible", []cart.Spec{can("coke")}, nil, cart.MealSpec{}, "nothing"},
		{"all already meals", []cart.Spec{meal}, nil, cart.MealSpec{}, "nothing"},
		{"a drink named", []cart.Spec{kebab("small", "lamb"), can("coke")}, []int{0, 1},
			cart.MealSpec{}, "can't be made a meal"},
		{"index out of range", []cart.Spec{kebab("small", "lamb")}, []int{3},
			cart.MealSpec{}, "indexes 0 to 0"},
		{"unknown chips size", []cart.Spec{kebab("small", "lamb")}, nil,
			cart.MealSpec{Chips: "medium"}, "small or large"},
		{"unknown drink", []cart.Spec{kebab("small", "lamb")}, nil,
			cart.MealSpec{Drink: "beer"}, "beer"},
		{"large chips for an HSP, all or none", []cart.Spec{kebab("small", "lamb"),
			hsp("small", "lamb")}, nil, cart.MealSpec{Chips: "large"}, "large chips"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := cartOf(t, m, c.start...)
			before := k.Fingerprint()
			_, err := k.ConvertToMeals(m, c.idx, c.ms)
			wantRefusal(t, err, c.want)
			if k.Fingerprint() != before {
				t.Error("a refused conversion changed the cart")
			}
		})
	}
}
