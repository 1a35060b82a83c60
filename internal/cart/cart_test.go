package cart_test

import (
	"reflect"
	"testing"

	"github.com/kebabalab/kebabalab/internal/cart"
)

func TestAddIsAllOrNothing(t *testing.T) {
	m := loadMenu(t)
	var k cart.Cart
	if _, err := k.Add(m, kebab("small", "lamb")); err != nil {
		t.Fatal(err)
	}
	_, err := k.Add(m, can("coke"), kebab("medium", "lamb"), can("fanta"))
	wantRefusal(t, err, "Item 2")
	if k.Len() != 1 {
		t.Fatalf("cart has %d lines after a refused add, want 1", k.Len())
	}
}

func TestBuildRefusals(t *testing.T) {
	m := loadMenu(t)

	cases := []struct {
		name string
		spec cart.Spec
		want string
	}{
		{"nothing named", cart.Spec{}, "which item"},
		{"unknown category", cart.Spec{Category: "pizza"}, "kebabs"},
		{"unknown item", cart.Spec{Category: "drinks", Item: "beer"}, "beer"},
		{"unknown item anywhere", cart.Spec{Item: "pineapple"}, "pineapple"},
		{"no size", kebab("", "lamb"), "small or large"},
		{"unknown size", kebab("medium", "lamb"), "small or large"},
		{"size on a can", with(can("coke"), func(s *cart.Spec) { s.Size = "large" }),
			"one size"},
		{"no protein", kebab("small", ""), "lamb, chicken, mix or falafel"},
		{"unknown protein", kebab("small", "beef"), "beef"},
		{"falafel meat container", cart.Spec{Category: "meat_containers", Size: "250g",
			Choices: map[string]string{"protein": "falafel"}}, "lamb, chicken or mix"},
		{"no brand", cart.Spec{Category: "drinks", Item: "can"}, "brand"},
		{"protein on chips", cart.Spec{Category: "chips", Item: "chips", Size: "small",
			Choices: map[string]string{"protein": "lamb"}}, "protein"},
		{"quantity 0 is one, -2 is not", with(kebab("small", "lamb"), func(s *cart.Spec) {
			s.Quantity = -2
		}), "1 to 99"},
		{"quantity 100", with(kebab("small", "lamb"), func(s *cart.Spec) {
			s.Quantity = 100
		}), "1 to 99"},
		{"unknown extra", with(kebab("small", "lamb"), func(s *cart.Spec) {
			s.Extras = []string{"bacon"}
		}), "bacon"},
		{"extra not on chips", cart.Spec{Category: "chips", Item: "chips", Size: "small",
			Extras: []string{"haloumi"}}, "isn't available"},
		{"extra meat not on gozleme", cart.Spec{Category: "gozleme", Extras: []string{
			"extra meat"}, Choices: map[string]string{"variant": "lamb"}}, "isn't available"},
		{"salad not on hsp", with(hsp("small", "lamb"), func(s *cart.Spec) {
			s.Salads = []string{"olives"}
		}), "isn't available"},
		{"unknown sauce", with(kebab("small", "lamb"), func(s *cart.Spec) {
			s.Sauces = []string{"ranch"}
		}), "ranch"},
		{"salt on a kebab", with(kebab("small", "lamb"), func(s *cart.Spec) {
			s.Salt = "chicken"
		}), "salt"},
		{"unknown salt", cart.Spec{Category: "chips", Item: "chips", Size: "small",
			Salt: "pink"}, "pink"},
		{"drink as a meal", with(can("coke"), func(s *cart.Spec) {
			s.Meal = &cart.MealSpec{}
		}), "can't be made a meal"},
		{"hsp meal with large chips", with(hsp("small", "lamb"), func(s *cart.Spec) {
			s.Meal = &cart.MealSpec{Chips: "large"}
		}), "large chips"},
		{"meal with unknown drink", with(kebab("small", "lamb"), func(s *cart.Spec) {
			s.Meal = &cart.MealSpec{Drink: "beer"}
		}), "beer"},
		{"lamb is more than one item", cart.Spec{Item: "lamb"}, "more than one item"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := cart.Build(m, c.spec)
			wantRefusal(t, err, c.want)
		})
	}
}

func TestLineCap(t *testing.T) {
	m := loadMenu(t)
	var k cart.Cart
	for range cart.MaxLines {
		if _, err := k.Add(m, can("coke")); err != nil {
			t.Fatal(err)
		}
	}
	_, err := k.Add(m, can("coke"))
	wantRefusal(t, err, "at most 30")
	if k.Len() != cart.MaxLines {
		t.Fatalf("len = %d", k.Len())
	}
}

func TestRemoveAndIndexes(t *testing.T) {
	m := loadMenu(t)
	var k cart.Cart
	_, err := k.Remove(0)
	wantRefusal(t, err, "empty")
	if _, err := k.Add(m, kebab("small", "lamb"), can("coke"), can("fanta")); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{-1, 3, 99} {
		_, err := k.Remove(i)
		wantRefusal(t, err, "3 lines, indexes 0 to 2")
	}
	removed, err := k.Remove(1)
	if err != nil || removed.Item.ID != "can" || k.Len() != 2 {
		t.Fatalf("remove: %v %v len %d", removed.Item, err, k.Len())
	}
	if l, _ := k.Line(1); l.Choices[0].Value.ID != "fanta" {
		t.Fatalf("line 1 is %v, want the fanta", l.Choices[0].Value.ID)
	}
	k.Clear()
	if k.Len() != 0 || k.Price(m).Total != 0 {
		t.Fatal("clear left something")
	}
}

// Every line the menu can make survives Spec → Build unchanged, which is
// what repeat orders and edits rely on.
func TestSpecRoundTrip(t *testing.T) {
	m := loadMenu(t)
	specs := []cart.Spec{
		{Category: "kebabs", Size: "large", Choices: map[string]string{"protein": "mix"},
			Salads: []string{"olives", "lettuce"}, Sauces: []string{"sweet chilli"},
			Extras: []string{"haloumi"}, Quantity: 3,
			Meal: &cart.MealSpec{Chips: "large", Drink: "fanta", Salt: "normal"}},
		{Category: "hsp", Size: "small", Choices: map[string]string{"protein": "lamb"},
			Without: []string{"cheese"}, Meal: &cart.MealSpec{}},
		{Item: "cheesy chips", Size: "large", Salt: "none", Sauces: []string{"bbq"}},
		{Item: "sprite"},
	}
	for _, s := range specs {
		l := build(t, m, s)
		again := build(t, m, l.Spec())
		if !reflect.DeepEqual(*l, *again) {
			t.Errorf("round trip changed %+v into %+v", *l, *again)
		}
	}
}

func TestFingerprint(t *testing.T) {
	m := loadMenu(t)
	var a, b cart.Cart
	if _, err := a.Add(m, kebab("small", "lamb"), can("coke")); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Add(m, cart.Spec{Category: "Kebabs", Size: "regular",
		Choices: map[string]string{"protein": "lamp"}}, can("coca cola")); err != nil {
		t.Fatal(err)
	}
	if a.Fingerprint() != b.Fingerprint() {
		t.Error("same cart in other words has a different fingerprint")
	}
	if _, err := b.Edit(m, 1, cart.Change{Drink: ptr("fanta")}); err != nil {
		t.Fatal(err)
	}
	if a.Fingerprint() == b.Fingerprint() {
		t.Error("changed cart kept its fingerprint")
	}
}

func ptr[T any](v T) *T { return &v }
