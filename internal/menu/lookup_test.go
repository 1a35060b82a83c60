package menu

import (
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/money"
)

func TestMenu_ItemAliases(t *testing.T) {
	m := mustLoad(t, shippedMenu)
	tests := []struct {
		word, want string
	}{
		{"doner", "kebab"},
		{"Döner", "kebab"},
		{"DONER KEBAB", "kebab"},
		{"halal snack pack", "hsp"},
		{"snack pack", "hsp"},
		{"gozleme", "gozleme"},
		{"Gözleme", "gozleme"},
		{"gozlem", "gozleme"},
		{"guzleme", "gozleme"},
		{"fries", "chips"},
		{"salgam", "salgam"},
		{"shalgam", "salgam"},
		{"Şalgam", "salgam"},
		{"cheesy chips", "cheesy_chips"},
		{"chips with cheese & sauce", "cheesy_chips"},
		{"meat_container", "meat_container"},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			it, ok := m.Item(tt.word)
			if !ok || it.ID != tt.want {
				t.Errorf("got %v (ok %t), want %s", it, ok, tt.want)
			}
		})
	}
	if it, ok := m.Item("pineapple"); ok {
		t.Errorf("Item(pineapple): got %s, want none", it.ID)
	}
}

func TestCategory_Item(t *testing.T) {
	m := mustLoad(t, shippedMenu)
	drinks, _ := m.Category("Drinks")
	if it, ok := drinks.Item("kebab"); ok {
		t.Errorf("drinks.Item(kebab): got %s, want none", it.ID)
	}
	if it, ok := drinks.Item("ice tea"); !ok || it.ID != "iced_tea" {
		t.Errorf("drinks.Item(ice tea): got %v, want iced_tea", it)
	}
	if c, ok := m.Category("halal snack packs"); !ok || c.ID != "hsp" {
		t.Errorf("Category(halal snack packs): got %v, want hsp", c)
	}
}

func TestItem_Size(t *testing.T) {
	m := mustLoad(t, shippedMenu)
	tests := []struct {
		item, word, want string // want "" means no such size
	}{
		{"kebab", "big", "large"},
		{"kebab", "regular", "small"},
		{"kebab", "Large", "large"},
		{"kebab", "250g", ""},
		{"fries", "small", "small"},
		{"meat container", "small", "250g"},
		{"meat container", "250 g", "250g"},
		{"meat container", "250 grams", "250g"},
		{"meat container", "big", "500g"},
		{"meat container", "half a kilo", "500g"},
		{"gozleme", "small", ""},
	}
	for _, tt := range tests {
		t.Run(tt.item+" "+tt.word, func(t *testing.T) {
			it, _ := m.Item(tt.item)
			s, ok := it.Size(tt.word)
			switch {
			case tt.want == "" && ok:
				t.Errorf("got size %s, want none", s.ID)
			case tt.want != "" && (!ok || s.ID != tt.want):
				t.Errorf("got %v (ok %t), want %s", s, ok, tt.want)
			}
		})
	}
	kebab, _ := m.Item("kebab")
	if p, ok := kebab.PriceFor("big"); !ok || p != 1500 {
		t.Errorf("kebab PriceFor(big): got %v (ok %t), want $15.00", p, ok)
	}
	if _, ok := kebab.PriceFor(""); ok {
		t.Error("kebab PriceFor(\"\"): got a price, want none: a kebab needs a size")
	}
}

func TestOption_Value(t *testing.T) {
	m := mustLoad(t, shippedMenu)
	tests := []struct {
		item, option, word, want string
	}{
		{"kebab", "protein", "lamp", "lamb"},
		{"kebab", "protein", "chiken", "chicken"},
		{"kebab", "protein", "chkn", "chicken"},
		{"kebab", "protein", "mixed", "mix"},
		{"kebab", "protein", "felafel", "falafel"},
		{"hsp", "protein", "falafel", "falafel"},
		{"meat container", "protein", "mix", "mix"},
		{"gozleme", "variant", "vegetarian", "vegetarian"},
		{"gozleme", "variant", "Vegan", "vegan"},
		{"can", "brand", "coca cola", "coke"},
		{"can", "brand", "Coca-Cola", "coke"},
		{"can", "brand", "coke", "coke"},
		{"can", "brand", "pepsi max", "pepsi_max"},
		{"energy drink", "brand", "Red Bull", "red_bull"},
		{"energy drink", "brand", "V", "v"},
		{"iced tea", "flavour", "peach", "peach"},
		{"turkish delight", "flavour", "rose", "rose"},
		{"sauce tub", "sauce", "garlek", "garlic"},
		{"sauce tub", "sauce", "sweet chili", "sweet_chilli"},
	}
	for _, tt := range tests {
		t.Run(tt.item+" "+tt.word, func(t *testing.T) {
			it, _ := m.Item(tt.item)
			o, ok := it.Option(tt.option)
			if !ok {
				t.Fatalf("item %s has no option %s", it.ID, tt.option)
			}
			v, ok := o.Value(tt.word)
			if !ok || v.ID != tt.want {
				t.Errorf("got %v (ok %t), want %s", v, ok, tt.want)
			}
		})
	}
	kebab, _ := m.Item("kebab")
	protein, _ := kebab.Option("protein")
	if v, ok := protein.Value("vegan"); !ok || v.ID != "falafel" {
		t.Errorf("kebab protein vegan: got %v, want falafel", v)
	}
	meat, _ := m.Item("meat container")
	protein, _ = meat.Option("protein")
	if v, ok := protein.Value("falafel"); ok {
		t.Errorf("meat container protein falafel: got %s, want none", v.ID)
	}
}

func TestMenu_Modifier(t *testing.T) {
	m := mustLoad(t, shippedMenu)
	tests := []struct {
		group      Group
		word, want string
	}{
		{Sauces, "garlek", "garlic"},
		{Sauces, "galic", "garlic"},
		{Sauces, "chili", "chilli"},
		{Sauces, "chilly", "chilli"},
		{Sauces, "barbecue", "bbq"},
		{Sauces, "barbeque", "bbq"},
		{Sauces, "aioli", "mayo"},
		{Sauces, "mayonnaise", "mayo"},
		{Sauces, "humus", "hummus"},
		{Sauces, "hummous", "hummus"},
		{Sauces, "tomato", "tomato"},
		{Sauces, "tomato sauce", "tomato"},
		{Sauces, "sweet chilli", "sweet_chilli"},
		{Salads, "tomato", "tomato"},
		{Salads, "onions", "onion"},
		{Extras, "halloumi", "haloumi"},
		{Extras, "jalapeños", "jalapenos"},
		{Extras, "jalapenos", "jalapenos"},
		{Salt, "chicken salt", "chicken"},
		{Salt, "normal", "normal"},
		{Salt, "none", "none"},
	}
	for _, tt := range tests {
		t.Run(string(tt.group)+" "+tt.word, func(t *testing.T) {
			mod, ok := m.Modifier(tt.group, tt.word)
			if !ok || mod.ID != tt.want || mod.Group != tt.group {
				t.Errorf("got %v (ok %t), want %s %s", mod, ok, tt.group, tt.want)
			}
		})
	}
	if mod, ok := m.Modifier(Salads, "garlic"); ok {
		t.Errorf("Modifier(salads, garlic): got %s, want none", mod.ID)
	}
	for word, want := range map[string]Group{"salad": Salads, "sauces": Sauces, "salt": Salt} {
		if g, ok := m.Group(word); !ok || g != want {
			t.Errorf("Group(%s): got %q, want %q", word, g, want)
		}
	}
}

func TestItem_Charge(t *testing.T) {
	m := mustLoad(t, shippedMenu)
	tests := []struct {
		item     string
		group    Group
		modifier string
		want     Charge
	}{
		{"kebab", Extras, "cheese", Charge{Offered, 100}},
		{"gozleme", Extras, "cheese", Charge{Offered, 100}},
		{"hsp", Extras, "cheese", Charge{Included, 0}},
		{"meat container", Extras, "cheese", Charge{}},
		{"kebab", Extras, "haloumi", Charge{Offered, 250}},
		{"hsp", Extras, "haloumi", Charge{Offered, 250}},
		{"gozleme", Extras, "haloumi", Charge{Offered, 250}},
		{"kebab", Extras, "extra meat", Charge{Offered, 400}},
		{"hsp", Extras, "extra meat", Charge{Offered, 400}},
		{"gozleme", Extras, "extra meat", Charge{}},
		{"kebab", Extras, "jalapenos", Charge{Offered, 100}},
		{"kebab", Extras, "chips inside", Charge{Offered, 300}},
		{"hsp", Extras, "extra chips", Charge{Offered, 300}},
		{"gozleme", Extras, "extra chips", Charge{}},
		{"kebab", Salads, "lettuce", Charge{Offered, 0}},
		{"kebab", Salads, "olives", Charge{Offered, 100}},
		{"hsp", Salads, "lettuce", Charge{}},
		{"kebab", Sauces, "garlic", Charge{Offered, 0}},
		{"chips", Salt, "normal", Charge{Offered, 0}},
		{"chips", Sauces, "garlic", Charge{}},
		{"cheesy chips", Sauces, "garlic", Charge{Offered, 0}},
		{"can", Extras, "cheese", Charge{}},
	}
	for _, tt := range tests {
		t.Run(tt.item+" "+tt.modifier, func(t *testing.T) {
			it, _ := m.Item(tt.item)
			mod, ok := m.Modifier(tt.group, tt.modifier)
			if !ok {
				t.Fatalf("no %s %s", tt.group, tt.modifier)
			}
			if got := it.Charge(mod); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	hsp, _ := m.Item("hsp")
	if len(hsp.Standard) != 1 || hsp.Standard[0].ID != "cheese" {
		t.Errorf("got HSP standard %v, want [cheese]", hsp.Standard)
	}
	kebab, _ := m.Item("kebab")
	if len(kebab.Standard) != 0 {
		t.Errorf("got kebab standard %v, want none", kebab.Standard)
	}
}

func TestMenu_Listing(t *testing.T) {
	m := mustLoad(t, shippedMenu)
	sum := m.Summary()
	if len(sum) != 9 || sum[0].ID != "kebabs" || sum[0].Items[0] != "Kebab" {
		t.Errorf("got summary %+v", sum)
	}
	items, ok := m.Listing("HSP")
	if !ok || len(items) != 1 {
		t.Fatalf("got %+v (ok %t), want one HSP", items, ok)
	}
	hsp := items[0]
	if len(hsp.Sizes) != 2 || hsp.Sizes[1] != (SizeListing{"large", "large", 2000}) {
		t.Errorf("got sizes %+v", hsp.Sizes)
	}
	if len(hsp.Options) != 1 || len(hsp.Options[0].Values) != 4 {
		t.Errorf("got options %+v, want protein with 4 values", hsp.Options)
	}
	wantCheese := ModifierListing{Group: Extras, ID: "cheese", Name: "cheese", Included: true}
	var found bool
	for _, ml := range hsp.Modifiers {
		if ml.Group == Salads {
			t.Errorf("HSP lists salad %s, want none", ml.ID)
		}
		found = found || ml == wantCheese
	}
	if !found {
		t.Errorf("got modifiers %+v, want %+v among them", hsp.Modifiers, wantCheese)
	}
	drinks, _ := m.Listing("drinks")
	if drinks[1].Price != money.Cents(300) || drinks[1].Sizes != nil {
		t.Errorf("got water %+v, want one price $3.00", drinks[1])
	}
	if _, ok := m.Listing("pizza"); ok {
		t.Error("Listing(pizza): got ok, want not found")
	}
}

// TestMenu_ConcurrentReads backs the promise that a Menu may be shared by
// every request: run under -race, it fails if a lookup writes anything.
func TestMenu_ConcurrentReads(t *testing.T) {
	m := mustLoad(t, shippedMenu)
	done := make(chan bool)
	for range 4 {
		go func() {
			kebab, _ := m.Item("doner")
			cheese, _ := m.Modifier(Extras, "cheese")
			_ = kebab.Charge(cheese)
			_, _ = kebab.PriceFor("large")
			_, _ = m.Meal("kebabs", "large", "small")
			_ = m.Terms()
			_, _ = m.Listing("kebabs")
			_ = m.Shop().OpenAt(time.Now())
			done <- true
		}()
	}
	for range 4 {
		<-done
	}
}
