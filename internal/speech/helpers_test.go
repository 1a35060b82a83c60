package speech

import (
	"encoding/json"
	"errors"
	"sync"
	"testing"

	"github.com/kebabalab/kebabalab/internal/cart"
	"github.com/kebabalab/kebabalab/internal/menu"
)

const shippedMenu = "../../menu.json"

var (
	loadOnce   sync.Once
	shared     *Parser
	sharedMenu *menu.Menu
	loadErr    error
)

// mustParser returns a parser over the shipped menu, built once for all
// tests: Parse never changes it.
func mustParser(tb testing.TB) *Parser {
	tb.Helper()
	loadOnce.Do(func() {
		sharedMenu, loadErr = menu.Load(shippedMenu)
		if loadErr == nil {
			shared = New(sharedMenu)
		}
	})
	if loadErr != nil {
		tb.Fatalf("load %s: %v", shippedMenu, loadErr)
	}
	return shared
}

// asRefusal returns err as a *Refusal, failing the test if it is not one.
func asRefusal(tb testing.TB, phrase string, err error) *Refusal {
	tb.Helper()
	var ref *Refusal
	if !errors.As(err, &ref) {
		tb.Fatalf("Parse(%q): got error %v (%T), want a *Refusal", phrase, err, err)
	}
	return ref
}

func kebab(size, protein string) Result {
	return Result{Spec: line("kebabs", "kebab", size, "protein", protein)}
}

func hsp(size, protein string) Result {
	return Result{Spec: line("hsp", "hsp", size, "protein", protein)}
}

func gozleme(variant string) Result {
	return Result{Spec: line("gozleme", "gozleme", "", "variant", variant)}
}

func can(brand string) Result {
	return Result{Spec: line("drinks", "can", "", "brand", brand)}
}

// item is a line of an item with no size and no options.
func item(category, id string) Result {
	return Result{Spec: line(category, id, "", "", "")}
}

// line is a spec of quantity 1 with at most one option.
func line(category, id, size, option, value string) cart.Spec {
	s := cart.Spec{Category: category, Item: id, Size: size, Quantity: 1}
	if option != "" {
		s.Choices = map[string]string{option: value}
	}
	return s
}

// Modifiers of a Result, for building table rows.

func (r Result) qty(n int) Result                { r.Spec.Quantity = n; return r }
func (r Result) salads(ids ...string) Result     { r.Spec.Salads = ids; return r }
func (r Result) sauces(ids ...string) Result     { r.Spec.Sauces = ids; return r }
func (r Result) extras(ids ...string) Result     { r.Spec.Extras = ids; return r }
func (r Result) without(ids ...string) Result    { r.Spec.Without = ids; return r }
func (r Result) salt(id string) Result           { r.Spec.Salt = id; return r }
func (r Result) size(id string) Result           { r.Spec.Size = id; return r }
func (r Result) ignoring(words ...string) Result { r.Ignored = words; return r }

func (r Result) meal(chips, drink, salt string) Result {
	r.Spec.Meal = &cart.MealSpec{Chips: chips, Drink: drink, Salt: salt}
	return r
}

// lot is the free salads of the shipped menu, in menu order.
var lot = []string{"lettuce", "tomato", "onion", "pickles"}

// resultString describes a Parse outcome for comparing two of them.
func resultString(r Result, err error) string {
	if err != nil {
		return "refused: " + err.Error()
	}
	b, err := json.Marshal(r)
	if err != nil {
		return "marshal: " + err.Error()
	}
	return string(b)
}
