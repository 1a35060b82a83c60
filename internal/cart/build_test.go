package cart_test

import (
	"testing"

	"github.com/kebabalab/kebabalab/internal/cart"
)

func TestChoiceUnderAnotherOptionName(t *testing.T) {
	m := loadMenu(t)
	l := build(t, m, cart.Spec{Category: "gozleme", Choices: map[string]string{
		"protein": "chicken", "variant": ""}})
	if l.Choices[0].Option.ID != "variant" || l.Choices[0].Value.ID != "chicken" {
		t.Errorf("choices = %+v", l.Choices)
	}
	_, err := cart.Build(m, cart.Spec{Category: "gozleme", Choices: map[string]string{
		"protein": "chicken", "variant": "vegan"}})
	wantRefusal(t, err, "did you want")
}

func TestItemFoundByItsChoice(t *testing.T) {
	m := loadMenu(t)
	for _, s := range []cart.Spec{
		{Category: "drinks", Choices: map[string]string{"brand": "coke"}},
		{Category: "drinks", Item: "coca cola"},
		{Item: "coke"},
	} {
		l := build(t, m, s)
		if l.Item.ID != "can" || l.Choices[0].Value.ID != "coke" {
			t.Errorf("%+v built %s %+v", s, l.Item.ID, l.Choices)
		}
	}
	l := build(t, m, cart.Spec{Category: "drinks", Choices: map[string]string{"brand": "v"}})
	if l.Item.ID != "energy_drink" {
		t.Errorf("brand v built %s", l.Item.ID)
	}
}
