package menu

import "testing"

func TestMenu_Terms(t *testing.T) {
	m := mustLoad(t, shippedMenu)
	terms := m.Terms()
	byPhrase := map[string][]Term{}
	for _, tm := range terms {
		if tm.Phrase != Normalize(tm.Phrase) {
			t.Errorf("term phrase %q is not normalised", tm.Phrase)
		}
		byPhrase[tm.Phrase] = append(byPhrase[tm.Phrase], tm)
	}
	want := []Term{
		{Phrase: "kebabs", Kind: KindCategory, Category: "kebabs", ID: "kebabs"},
		{Phrase: "doner", Kind: KindItem, Category: "kebabs", Item: "kebab", ID: "kebab"},
		{Phrase: "gozleme", Kind: KindItem, Category: "gozleme", Item: "gozleme", ID: "gozleme"},
		{Phrase: "lamp", Kind: KindOption, Category: "kebabs", Item: "kebab", Option: "protein",
			ID: "lamb"},
		{Phrase: "lamb", Kind: KindOption, Category: "gozleme", Item: "gozleme", Option: "variant",
			ID: "lamb"},
		{Phrase: "coca cola", Kind: KindOption, Category: "drinks", Item: "can", Option: "brand",
			ID: "coke"},
		{Phrase: "garlek", Kind: KindOption, Category: "sauce_tubs", Item: "sauce_tub",
			Option: "sauce", ID: "garlic"},
		{Phrase: "big", Kind: KindSize, ID: "large"},
		{Phrase: "small", Kind: KindSize, ID: "small"},
		{Phrase: "small", Kind: KindSize, ID: "250g"},
		{Phrase: "tomato", Kind: KindModifier, Group: Salads, ID: "tomato"},
		{Phrase: "tomato", Kind: KindModifier, Group: Sauces, ID: "tomato"},
		{Phrase: "sweet chilli", Kind: KindModifier, Group: Sauces, ID: "sweet_chilli"},
		{Phrase: "jalapenos", Kind: KindModifier, Group: Extras, ID: "jalapenos"},
		{Phrase: "chicken salt", Kind: KindModifier, Group: Salt, ID: "chicken"},
		{Phrase: "salad", Kind: KindGroup, Group: Salads},
		{Phrase: "sauce", Kind: KindGroup, Group: Sauces},
		{Phrase: "a", Kind: KindNumber, Number: 1},
		{Phrase: "twenty", Kind: KindNumber, Number: 20},
		{Phrase: "a couple of", Kind: KindNumber, Number: 2},
		{Phrase: "could i get", Kind: KindFiller},
		{Phrase: "a can of", Kind: KindFiller},
		{Phrase: "hold the", Kind: KindExclusion},
		{Phrase: "with the lot", Kind: KindEverything},
		{Phrase: "combo", Kind: KindMeal},
	}
	for _, w := range want {
		found := false
		for _, tm := range byPhrase[w.Phrase] {
			found = found || tm == w
		}
		if !found {
			t.Errorf("missing term %+v; got %+v", w, byPhrase[w.Phrase])
		}
	}
	seen := map[Term]bool{}
	for _, tm := range terms {
		if seen[tm] {
			t.Errorf("term %+v listed twice", tm)
		}
		seen[tm] = true
	}
}

// TestMenu_TermsSpeechApart checks the promise the parser relies on: a
// speech phrase never also means something on the menu.
func TestMenu_TermsSpeechApart(t *testing.T) {
	menuPhrases := map[string]bool{}
	var speech []Term
	for _, tm := range mustLoad(t, shippedMenu).Terms() {
		if tm.Kind >= KindNumber {
			speech = append(speech, tm)
		} else {
			menuPhrases[tm.Phrase] = true
		}
	}
	if len(speech) == 0 {
		t.Fatal("no speech terms")
	}
	for _, tm := range speech {
		if menuPhrases[tm.Phrase] {
			t.Errorf("speech phrase %q is also a menu phrase", tm.Phrase)
		}
	}
}

func TestMenu_TermsCopy(t *testing.T) {
	m := mustLoad(t, minimalMenu)
	m.Terms()[0].Phrase = "changed"
	if m.Terms()[0].Phrase == "changed" {
		t.Error("Terms returned the menu's own slice")
	}
}

func TestKind_String(t *testing.T) {
	tests := []struct {
		kind Kind
		want string
	}{
		{KindCategory, "category"},
		{KindOption, "option"},
		{KindGroup, "group"},
		{KindMeal, "meal"},
		{Kind(0), "unknown"},
		{Kind(99), "unknown"},
	}
	for _, tt := range tests {
		if got := tt.kind.String(); got != tt.want {
			t.Errorf("Kind(%d): got %q, want %q", tt.kind, got, tt.want)
		}
	}
}
