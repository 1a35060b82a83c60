package cart_test

import (
	"strings"
	"testing"

	"github.com/kebabalab/kebabalab/internal/cart"
	"github.com/kebabalab/kebabalab/internal/menu"
)

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// The prices below are SPEC §5's, written out rather than read from the
// menu, so a wrong menu.json fails here.
func TestBasePrices(t *testing.T) {
	m := loadMenu(t)
	type tc struct {
		name string
		spec cart.Spec
		want string
	}
	var cases []tc
	for _, p := range []string{"lamb", "chicken", "mix", "falafel"} {
		cases = append(cases,
			tc{"small " + p + " kebab", kebab("small", p), "10.00"},
			tc{"large " + p + " kebab", kebab("large", p), "15.00"},
			tc{"small " + p + " hsp", hsp("small", p), "15.00"},
			tc{"large " + p + " hsp", hsp("large", p), "20.00"})
	}
	for _, v := range []string{"lamb", "chicken", "vegetarian", "vegan"} {
		cases = append(cases, tc{v + " gozleme", cart.Spec{Category: "gozleme",
			Choices: map[string]string{"variant": v}}, "15.00"})
	}
	for _, p := range []string{"lamb", "chicken", "mix"} {
		cases = append(cases,
			tc{"250g " + p, cart.Spec{Category: "meat_containers", Size: "250g",
				Choices: map[string]string{"protein": p}}, "13.00"},
			tc{"500g " + p, cart.Spec{Category: "meat_containers", Size: "500g",
				Choices: map[string]string{"protein": p}}, "20.00"})
	}
	for _, b := range []string{"coke", "coke zero", "diet coke", "vanilla coke", "pepsi",
		"pepsi max", "mountain dew", "solo", "fanta", "lift", "sprite", "sunkist",
		"schweppes", "lemonade"} {
		cases = append(cases, tc{b, can(b), "3.50"})
	}
	cases = append(cases,
		tc{"small chips", cart.Spec{Category: "chips", Item: "chips", Size: "small"}, "5.00"},
		tc{"large chips", cart.Spec{Category: "chips", Item: "chips", Size: "large"}, "9.00"},
		tc{"small cheesy", cart.Spec{Category: "chips", Item: "cheesy chips", Size: "small"},
			"6.00"},
		tc{"large cheesy", cart.Spec{Category: "chips", Item: "chips with cheese & sauce",
			Size: "large"}, "10.00"},
		tc{"water", cart.Spec{Category: "drinks", Item: "water"}, "3.00"},
		tc{"ayran", cart.Spec{Category: "drinks", Item: "ayran"}, "3.50"},
		tc{"salgam", cart.Spec{Category: "drinks", Item: "şalgam"}, "3.50"},
		tc{"red bull", cart.Spec{Category: "drinks", Item: "red bull"}, "3.50"},
		tc{"v", cart.Spec{Item: "energy drink", Choices: map[string]string{"brand": "v"}},
			"3.50"},
		tc{"lemon iced tea", cart.Spec{Item: "iced tea",
			Choices: map[string]string{"flavour": "lemon"}}, "4.50"},
		tc{"peach iced tea", cart.Spec{Category: "drinks", Item: "peach"}, "4.50"},
		tc{"mango iced tea", cart.Spec{Category: "drinks", Item: "mango"}, "4.50"},
		tc{"baklava", cart.Spec{Category: "sweets", Item: "baklava"}, "3.00"},
		tc{"baklava pack", cart.Spec{Category: "sweets", Item: "baklava pack of 4"}, "10.00"},
		tc{"rose delight", cart.Spec{Category: "sweets", Item: "turkish delight",
			Choices: map[string]string{"flavour": "rose"}}, "1.00"},
		tc{"vanilla delight", cart.Spec{Category: "sweets", Item: "turkish delight",
			Choices: map[string]string{"flavour": "vanilla"}}, "1.00"},
		tc{"sauce tub", cart.Spec{Category: "sauce_tubs",
			Choices: map[string]string{"sauce": "garlic"}}, "1.00"},
		tc{"takeaway box", cart.Spec{Category: "extras", Item: "takeaway box"}, "2.00"},
		tc{"cutlery", cart.Spec{Category: "extras", Item: "cutlery set"}, "1.00"},
		tc{"container", cart.Spec{Category: "extras", Item: "container"}, "1.00"},
		tc{"napkins", cart.Spec{Category: "extras", Item: "napkins"}, "0.50"},
		tc{"forks", cart.Spec{Category: "extras", Item: "forks"}, "0.50"},
		tc{"carry bag", cart.Spec{Category: "extras", Item: "carry bag"}, "0.50"},
		tc{"plates", cart.Spec{Category: "extras", Item: "plates"}, "0.50"},
	)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := build(t, m, c.spec)
			if got, want := l.UnitPrice(), dollars(t, c.want); got != want {
				t.Errorf("unit price = %v, want %v", got, want)
			}
			c.spec.Quantity = 3
			if got, want := build(t, m, c.spec).Total(), 3*dollars(t, c.want); got != want {
				t.Errorf("3 of them = %v, want %v", got, want)
			}
		})
	}
}

func TestMealPrices(t *testing.T) {
	m := loadMenu(t)
	meal := func(s cart.Spec, chips string) cart.Spec {
		s.Meal = &cart.MealSpec{Chips: chips}
		return s
	}
	gozleme := cart.Spec{Category: "gozleme", Choices: map[string]string{"variant": "lamb"}}
	cases := []struct {
		name string
		spec cart.Spec
		want string
	}{
		{"small kebab meal", meal(kebab("small", "lamb"), "small"), "17.00"},
		{"small kebab meal default chips", meal(kebab("small", "lamb"), ""), "17.00"},
		{"small kebab meal large chips", meal(kebab("small", "chicken"), "large"), "20.00"},
		{"large kebab meal", meal(kebab("large", "mix"), "small"), "22.00"},
		{"large kebab meal large chips", meal(kebab("large", "falafel"), "large"), "25.00"},
		{"small kebab and can", meal(kebab("small", "lamb"), "none"), "12.00"},
		{"large kebab and can", meal(kebab("large", "lamb"), "none"), "17.00"},
		{"small hsp combo", meal(hsp("small", "lamb"), ""), "17.00"},
		{"small hsp combo no chips", meal(hsp("small", "lamb"), "none"), "17.00"},
		{"large hsp combo", meal(hsp("large", "chicken"), ""), "22.00"},
		{"gozleme meal", meal(gozleme, ""), "23.00"},
		{"gozleme meal small chips", meal(gozleme, "small"), "23.00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got, want := build(t, m, c.spec).UnitPrice(), dollars(t, c.want); got != want {
				t.Errorf("meal price = %v, want %v", got, want)
			}
		})
	}
}

func TestModifierCharges(t *testing.T) {
	m := loadMenu(t)

	cases := []struct {
		name string
		spec cart.Spec
		want string
	}{
		{"cheese on a small kebab", with(kebab("small", "lamb"), func(s *cart.Spec) {
			s.Extras = []string{"cheese"}
		}), "11.00"},
		{"cheese on an HSP is included", with(hsp("small", "lamb"), func(s *cart.Spec) {
			s.Extras = []string{"cheese"}
		}), "15.00"},
		{"haloumi on a kebab", with(kebab("large", "lamb"), func(s *cart.Spec) {
			s.Extras = []string{"halloumi"}
		}), "17.50"},
		{"extra meat on a kebab", with(kebab("small", "chicken"), func(s *cart.Spec) {
			s.Extras = []string{"extra meat"}
		}), "14.00"},
		{"haloumi and extra meat on a kebab meal", with(kebab("small", "lamb"),
			func(s *cart.Spec) {
				s.Extras = []string{"haloumi", "extra_meat"}
				s.Meal = &cart.MealSpec{}
			}), "23.50"},
		{"haloumi on an HSP combo", with(hsp("large", "mix"), func(s *cart.Spec) {
			s.Extras = []string{"haloumi"}
			s.Meal = &cart.MealSpec{}
		}), "24.50"},
		{"olives charged, free salads not", with(kebab("small", "lamb"), func(s *cart.Spec) {
			s.Salads = []string{"lettuce", "tomato", "onion", "pickles", "olives"}
		}), "11.00"},
		{"free sauces", with(kebab("small", "lamb"), func(s *cart.Spec) {
			s.Sauces = []string{"garlic", "chilli", "bbq", "tomato", "sweet chilli", "mayo",
				"hummus"}
		}), "10.00"},
		{"jalapenos and chips inside", with(hsp("small", "lamb"), func(s *cart.Spec) {
			s.Extras = []string{"jalapenos", "extra chips"}
		}), "19.00"},
		{"cheese on gozleme", cart.Spec{Category: "gozleme", Extras: []string{"cheese"},
			Choices: map[string]string{"variant": "vegan"}}, "16.00"},
		{"same extra twice charged once", with(kebab("small", "lamb"), func(s *cart.Spec) {
			s.Extras = []string{"cheese", "Cheese", "extra cheese"}
		}), "11.00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got, want := build(t, m, c.spec).UnitPrice(), dollars(t, c.want); got != want {
				t.Errorf("unit price = %v, want %v", got, want)
			}
		})
	}
}

func TestGSTIncluded(t *testing.T) {
	m := loadMenu(t)
	cases := []struct {
		name       string
		specs      []cart.Spec
		total, gst string
	}{
		{"$10", []cart.Spec{kebab("small", "lamb")}, "10.00", "0.91"},
		{"$15", []cart.Spec{kebab("large", "lamb")}, "15.00", "1.36"},
		{"$34", []cart.Spec{kebab("small", "lamb"), kebab("large", "lamb"),
			{Category: "chips", Item: "chips", Size: "large"}}, "34.00", "3.09"},
		{"$41", []cart.Spec{hsp("large", "lamb"), kebab("large", "mix"),
			{Category: "sauce_tubs", Choices: map[string]string{"sauce": "garlic"},
				Quantity: 6}}, "41.00", "3.73"},
		{"$3.50", []cart.Spec{can("coke")}, "3.50", "0.32"},
		{"$0", nil, "0.00", "0.00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var k cart.Cart
			if len(c.specs) > 0 {
				if _, err := k.Add(m, c.specs...); err != nil {
					t.Fatal(err)
				}
			}
			p := k.Price(m)
			if p.Total != dollars(t, c.total) || p.GST != dollars(t, c.gst) ||
				p.Subtotal != p.Total-p.GST {
				t.Errorf("total %v gst %v subtotal %v, want %s and %s", p.Total, p.GST,
					p.Subtotal, c.total, c.gst)
			}
		})
	}
}

func TestPricedText(t *testing.T) {
	m := loadMenu(t)
	s := kebab("large", "lamb")
	s.Quantity, s.Salads, s.Sauces = 2, []string{"tomato", "lettuce"}, []string{"garlic"}
	var k cart.Cart
	if _, err := k.Add(m, s, cart.Spec{Category: "hsp", Size: "small",
		Choices: map[string]string{"protein": "chicken"}, Without: []string{"cheese"}}); err != nil {
		t.Fatal(err)
	}
	p := k.Price(m)
	if got, want := p.Lines[0].Text(), "2x Large kebab (lamb, lettuce, tomato, garlic)"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
	if got, want := p.Lines[1].Text(), "Small HSP (chicken, no cheese)"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
	if p.Items != 3 || p.Total != dollars(t, "45.00") {
		t.Errorf("items %d total %v", p.Items, p.Total)
	}
	_ = menu.NoChips
}
