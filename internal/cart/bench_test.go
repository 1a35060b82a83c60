package cart_test

import (
	"testing"

	"github.com/kebabalab/kebabalab/internal/cart"
)

// BenchmarkPrice prices the cart of the load generator's ordering flow: a
// large lamb kebab with the lot and cheese made a meal, a small chicken
// HSP and two baklava. priceCart, getCartState, getOrderSummary and
// createOrder all price the cart this way.
func BenchmarkPrice(b *testing.B) {
	m := loadMenu(b)
	var c cart.Cart
	k := kebab("large", "lamb")
	k.Salads = []string{"lettuce", "tomato", "onion"}
	k.Sauces = []string{"garlic", "chilli"}
	k.Extras = []string{"cheese"}
	if _, err := c.Add(m, k, hsp("small", "chicken"),
		cart.Spec{Category: "sweets", Item: "baklava", Quantity: 2}); err != nil {
		b.Fatal(err)
	}
	if _, err := c.ConvertToMeals(m, []int{0}, cart.MealSpec{Drink: "coke"}); err != nil {
		b.Fatal(err)
	}
	if p := c.Price(m); p.Total == 0 {
		b.Fatal("cart priced at nothing")
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Price(m)
	}
}
