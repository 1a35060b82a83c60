package speech

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/kebabalab/kebabalab/internal/cart"
	"github.com/kebabalab/kebabalab/internal/menu"
)

// FuzzParse checks that any phrase gives either a Refusal with a message,
// or a line of a real menu item in a quantity of 1 to 99 whose words are
// all menu ids.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"yeah could I get two large lamp kebabs with the lot no onion and garlik sauce",
		"a coke", "red bull", "two cans of coke", "a hundred kebabs", "0 kebabs", "",
		"large chips with chicken salt", "small hsp chicken no cheese",
		"large lamb kebab meal with large chips and a coke zero", "mano", "vega gozleme",
		"lamb gozleme meal no chips", "half a kilo of chicken meat only", "sweet chillie sauce tub",
		"twenty two small chicken kebabs", "2x large lamb kebab", "no no no no", ",,,. .",
		"large lamb kebab, they said potato each time", "cheesy chips with cheese and sauce",
		"a couple of a dozen", "with the lot without the lot", "şalgam ÇİĞ köfte",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	p := mustParser(f)
	f.Fuzz(func(t *testing.T, phrase string) {
		got, err := p.Parse(phrase)
		if err != nil {
			var ref *Refusal
			if !errors.As(err, &ref) || ref.Message == "" {
				t.Fatalf("Parse(%q): got error %v, want a *Refusal with a message", phrase, err)
			}
			return
		}
		checkSpec(t, phrase, got)
	})
}

// checkSpec fails unless r names a real item in ids only, in 1 to 99.
func checkSpec(t *testing.T, phrase string, r Result) {
	t.Helper()
	s := r.Spec
	it, ok := sharedMenu.Item(s.Item)
	if !ok || it.ID != s.Item || it.Category.ID != s.Category {
		t.Fatalf("Parse(%q): item %q in %q is not a menu item id", phrase, s.Item, s.Category)
	}
	if s.Quantity < 1 || s.Quantity > 99 {
		t.Fatalf("Parse(%q): quantity %d outside 1..99", phrase, s.Quantity)
	}
	if it.Sized() {
		if size, ok := it.Size(s.Size); !ok || size.ID != s.Size {
			t.Fatalf("Parse(%q): size %q is not one of the item's size ids", phrase, s.Size)
		}
	} else if s.Size != "" {
		t.Fatalf("Parse(%q): size %q on an item sold in one size", phrase, s.Size)
	}
	if len(s.Choices) != len(it.Options) {
		t.Fatalf("Parse(%q): choices %v, want one per option", phrase, s.Choices)
	}
	for _, o := range it.Options {
		if v, ok := o.Value(s.Choices[o.ID]); !ok || v.ID != s.Choices[o.ID] {
			t.Fatalf("Parse(%q): %s %q is not a value id", phrase, o.ID, s.Choices[o.ID])
		}
	}
	checkModifiers(t, phrase, it, s)
	checkMeal(t, phrase, it, s)
	for _, w := range r.Ignored {
		if w == "" {
			t.Fatalf("Parse(%q): empty ignored word", phrase)
		}
	}
}

// checkModifiers fails unless every modifier is an id the item takes, and
// every one left out comes with it.
func checkModifiers(t *testing.T, phrase string, it *menu.Item, s cart.Spec) {
	t.Helper()
	groups := map[menu.Group][]string{menu.Salads: s.Salads, menu.Sauces: s.Sauces,
		menu.Extras: s.Extras}
	if s.Salt != "" {
		groups[menu.Salt] = []string{s.Salt}
	}
	for g, ids := range groups {
		for _, id := range ids {
			mod, ok := sharedMenu.Modifier(g, id)
			if !ok || mod.ID != id || it.Charge(mod).Availability == menu.NotOffered {
				t.Fatalf("Parse(%q): %s %q is not offered on %s", phrase, g, id, it.ID)
			}
		}
	}
	for _, id := range s.Without {
		if !slices.ContainsFunc(it.Standard, func(m *menu.Modifier) bool { return m.ID == id }) {
			t.Fatalf("Parse(%q): without %q, which does not come with %s", phrase, id, it.ID)
		}
	}
}

// checkMeal fails unless a meal is of an item meals are made from, with
// chips and drink the menu has.
func checkMeal(t *testing.T, phrase string, it *menu.Item, s cart.Spec) {
	t.Helper()
	if s.Meal == nil {
		return
	}
	found := false
	for _, meal := range sharedMenu.Meals() {
		found = found || meal.Category == it.Category.ID
	}
	if !found {
		t.Fatalf("Parse(%q): a meal of %s", phrase, it.ID)
	}
	if c := s.Meal.Chips; c != "" && c != menu.NoChips {
		if _, ok := sharedMenu.Meal(it.Category.ID, s.Size, c); !ok {
			t.Fatalf("Parse(%q): no meal of %s %s with %s chips", phrase, s.Size, it.ID, c)
		}
	}
	if d := s.Meal.Drink; d != "" {
		if v, ok := sharedMenu.MealDrink().Option.Value(d); !ok || v.ID != d {
			t.Fatalf("Parse(%q): meal drink %q is not a value id", phrase, d)
		}
	}
}

// TestParser_Parse_wordSalad feeds phrases made of random menu and speech
// phrases, which reach deeper than random bytes, and checks the same
// promises as FuzzParse.
func TestParser_Parse_wordSalad(t *testing.T) {
	p := mustParser(t)
	var words []string
	for _, tm := range sharedMenu.Terms() {
		words = append(words, tm.Phrase)
	}
	words = append(words, "pineapple", "7", "0", "123", "lamp", "chiken", "garlik", ",", ".")
	rng := rand.New(rand.NewPCG(1, 2))
	accepted := 0
	for range 20000 {
		n := 1 + rng.IntN(8)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = words[rng.IntN(len(words))]
		}
		phrase := strings.Join(parts, " ")
		got, err := p.Parse(phrase)
		if err != nil {
			var ref *Refusal
			if !errors.As(err, &ref) || ref.Message == "" {
				t.Fatalf("Parse(%q): got error %v, want a *Refusal with a message", phrase, err)
			}
			continue
		}
		accepted++
		checkSpec(t, phrase, got)
	}
	if accepted == 0 {
		t.Fatal("no phrase was accepted; the test checks nothing")
	}
}
