package cart_test

import (
	"testing"

	"github.com/kebabalab/kebabalab/internal/cart"
	"github.com/kebabalab/kebabalab/internal/menu"
	"github.com/kebabalab/kebabalab/internal/money"
)

func loadMenu(t testing.TB) *menu.Menu {
	t.Helper()
	m, err := menu.Load("../../menu.json")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func build(t *testing.T, m *menu.Menu, s cart.Spec) *cart.Line {
	t.Helper()
	l, err := cart.Build(m, s)
	if err != nil {
		t.Fatalf("Build(%+v): %v", s, err)
	}
	return &l
}

func kebab(size, protein string) cart.Spec {
	return cart.Spec{Category: "kebabs", Size: size, Choices: map[string]string{"protein": protein}}
}

func hsp(size, protein string) cart.Spec {
	return cart.Spec{Category: "hsp", Size: size, Choices: map[string]string{"protein": protein}}
}

func can(brand string) cart.Spec {
	return cart.Spec{Category: "drinks", Item: brand}
}

func dollars(t *testing.T, s string) money.Cents {
	t.Helper()
	c, err := money.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func wantRefusal(t *testing.T, err error, contains string) {
	t.Helper()
	r, ok := err.(*cart.Refusal)
	if !ok {
		t.Fatalf("got %v (%T), want a refusal", err, err)
	}
	if contains != "" && !containsFold(r.Message, contains) {
		t.Fatalf("refusal %q does not mention %q", r.Message, contains)
	}
}
