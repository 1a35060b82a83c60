package speech

import (
	"reflect"
	"testing"
)

// TestParser_Parse reads phrases as callers say them into exact lines.
func TestParser_Parse(t *testing.T) {
	p := mustParser(t)
	lamb := func(size string) Result { return kebab(size, "lamb") }
	tests := []struct {
		phrase string
		want   Result
	}{
		// The whole story: filler, a number word, a misheard protein and
		// sauce, the lot with an exclusion after it.
		{"yeah could I get two large lamp kebabs with the lot no onion and garlik sauce",
			lamb("large").qty(2).salads("lettuce", "tomato", "pickles").sauces("garlic")},

		// Kebabs: quantity, size, protein, in any order and case.
		{"two large lamb kebabs", lamb("large").qty(2)},
		{"a large chicken kebab", kebab("large", "chicken")},
		{"Large Chicken Kebab!!!", kebab("large", "chicken")},
		{"um, can i please get a small mix kebab, thanks mate", kebab("small", "mix")},
		{"i'd like a small falafel kebab please", kebab("small", "falafel")},
		{"small doner lamb", lamb("small")},
		{"a small lamb wrap", lamb("small")},
		{"a big lamb kebab", lamb("large")},
		{"one regular chicken kebab", kebab("small", "chicken")},
		{"a lamb and chicken kebab, large", kebab("large", "mix")},
		{"large half and half kebab", kebab("large", "mix")},
		{"a large vegetarian kebab", kebab("large", "falafel")},
		{"no onion lamb kebab large", lamb("large")},

		// Misheard words.
		{"large chiken kebab with halumi and chillli",
			kebab("large", "chicken").sauces("chilli").extras("haloumi")},
		{"falafle kebab large", kebab("large", "falafel")},
		{"kebap large mix", kebab("large", "mix")},
		{"a small lamm kebab with garlick", lamb("small").sauces("garlic")},
		{"large lamb kebab with tomatoe", lamb("large").salads("tomato")},
		{"small lamb kebab with salas", lamb("small").salads(lot...)},
		{"large halal snak pack lamb with haloumi", hsp("large", "lamb").extras("haloumi")},
		{"two large lamb kebab meals", lamb("large").qty(2).meal("", "", "")},

		// Sauces: compound names win over their parts.
		{"large lamb kebab with garlic and sweet chilli",
			lamb("large").sauces("garlic", "sweet_chilli")},
		{"large lamb kebab with sweet chili sauce", lamb("large").sauces("sweet_chilli")},
		{"large lamb kebab with tomato sauce", lamb("large").sauces("tomato")},
		{"large lamb kebab with tomato", lamb("large").salads("tomato")},
		{"large lamb kebab with ketchup and bbq", lamb("large").sauces("tomato", "bbq")},
		{"large chicken kebab with barbecue sauce and aioli",
			kebab("large", "chicken").sauces("bbq", "mayo")},
		{"small lamb kebab with hummus and mayo", lamb("small").sauces("hummus", "mayo")},

		// Salads, the lot and exclusions, which come after inclusions.
		{"small lamb kebab with olives", lamb("small").salads("olives")},
		{"small lamb kebab with the lot and olives",
			lamb("small").salads("lettuce", "tomato", "onion", "pickles", "olives")},
		{"large mix kebab with the works", kebab("large", "mix").salads(lot...)},
		{"large lamb kebab with everything", lamb("large").salads(lot...)},
		{"small lamb kebab with salad", lamb("small").salads(lot...)},
		{"large lamb kebab with the lot, no onion, extra cheese",
			lamb("large").salads("lettuce", "tomato", "pickles").extras("cheese")},
		{"large lamb kebab no onion with the lot",
			lamb("large").salads("lettuce", "tomato", "pickles")},
		{"large lamb kebab with the lot no onion or tomato",
			lamb("large").salads("lettuce", "pickles").ignoring("or")},
		{"large lamb kebab with the lot take off the tomato",
			lamb("large").salads("lettuce", "onion", "pickles")},
		{"large lamb kebab with the lot hold the lettuce and pickles",
			lamb("large").salads("tomato", "onion")},
		{"large lamb kebab with all the salads no need for pickles",
			lamb("large").salads("lettuce", "tomato", "onion")},
		{"large lamb kebab with everything but onion",
			lamb("large").salads("lettuce", "tomato", "pickles")},
		{"four large mixed kebabs with everything except onion",
			kebab("large", "mix").qty(4).salads("lettuce", "tomato", "pickles")},
		{"large lamb kebab with the lot without tomato, minus onion",
			lamb("large").salads("lettuce", "pickles")},
		{"large chicken kebab with the lot no tomato and tomato sauce",
			kebab("large", "chicken").salads("lettuce", "onion", "pickles").sauces("tomato")},
		{"small lamb kebab with garlic no salad no sauce", lamb("small")},
		{"small chicken kebab no cheese", kebab("small", "chicken")},
		// "with" asks for something, so it ends an exclusion; "and" carries it on.
		{"large lamb kebab with the lot no onion with olives",
			lamb("large").salads("lettuce", "tomato", "pickles", "olives")},
		{"large lamb kebab with the lot no onion and olives",
			lamb("large").salads("lettuce", "tomato", "pickles")},

		// Extras.
		{"large lamb kebab with cheese and haloumi", lamb("large").extras("cheese", "haloumi")},
		{"large lamb kebab with extra meat and jalapenos",
			lamb("large").extras("extra_meat", "jalapenos")},
		{"large lamb kebab with chips inside", lamb("large").extras("extra_chips")},
		{"small lamb kebab with extra chips", lamb("small").extras("extra_chips")},

		// Words that match nothing are reported, not fatal.
		{"small lamb kebab with pineapple", lamb("small").ignoring("pineapple")},
		{"large lamb kebab, they said potato each time",
			lamb("large").ignoring("they", "said", "potato", "each", "time")},
		{"large lamb kebab, cook it well", lamb("large").ignoring("cook")},

		// Numbers.
		{"twenty two small chicken kebabs", kebab("small", "chicken").qty(22)},
		{"a couple of large lamb kebabs", lamb("large").qty(2)},
		{"a dozen small chicken kebabs", kebab("small", "chicken").qty(12)},
		{"half a dozen cokes", can("coke").qty(6)},
		{"ninety nine small chicken kebabs", kebab("small", "chicken").qty(99)},
		{"2 large lamb kebabs", lamb("large").qty(2)},
		{"99 cans of coke", can("coke").qty(99)},
		{"fourteen cokes", can("coke").qty(14)},
		{"two pieces of baklava", item("sweets", "baklava").qty(2).ignoring("pieces")},
		{"large lamb kebabs, three of them", lamb("large").qty(3).ignoring("them")},
		// "a" after a quantity of several names the meal's drink, not one of them.
		{"two large lamb kebab meals, a coke", lamb("large").qty(2).meal("", "coke", "")},

		// HSP: cheese comes with it, so leaving it out goes to Without.
		{"small chicken hsp", hsp("small", "chicken")},
		{"small hsp chicken no cheese", hsp("small", "chicken").without("cheese")},
		{"small chicken hsp no cheese with haloumi",
			hsp("small", "chicken").extras("haloumi").without("cheese")},
		{"large lamb hsp with cheese", hsp("large", "lamb")},
		{"large mixed halal snack pack with garlic bbq and chilli",
			hsp("large", "mix").sauces("garlic", "bbq", "chilli")},
		{"small chicken HSP with chips inside and extra meat",
			hsp("small", "chicken").extras("extra_chips", "extra_meat")},
		{"large lamb hsp with tomato", hsp("large", "lamb").sauces("tomato")},

		// Gözleme: the same words are variants here.
		{"lamb gozleme", gozleme("lamb")},
		{"a single chicken gözleme with cheese", gozleme("chicken").extras("cheese")},
		{"vego gozleme", gozleme("vegetarian")},
		{"vegetarian gozleme", gozleme("vegetarian")},
		{"spinach and cheese gozleme", gozleme("vegetarian")},
		{"vegan guzleme with haloumi and jalapenos",
			gozleme("vegan").extras("haloumi", "jalapenos")},

		// Chips and salt; "chicken" is a salt here.
		{"small chips", item("chips", "chips").size("small")},
		{"large fries with chicken salt", item("chips", "chips").size("large").salt("chicken")},
		{"large chips chicken", item("chips", "chips").size("large").salt("chicken")},
		{"small chips no salt", item("chips", "chips").size("small").salt("none")},
		{"large chips hold the salt", item("chips", "chips").size("large").salt("none")},
		// Salt is one choice: one named after another left out replaces it.
		{"small chips no chicken salt normal salt",
			item("chips", "chips").size("small").salt("normal")},
		{"small chips no chicken salt and no normal salt",
			item("chips", "chips").size("small").salt("none")},
		{"large chicken kebab meal, no chicken salt, normal salt",
			kebab("large", "chicken").meal("", "", "normal")},
		{"small chips, normal salt", item("chips", "chips").size("small").salt("normal")},
		{"large cheesy chips with bbq", item("chips", "cheesy_chips").size("large").sauces("bbq")},
		{"small chips with cheese", item("chips", "cheesy_chips").size("small")},
		{"large chips and cheese with garlic and chicken salt",
			item("chips", "cheesy_chips").size("large").sauces("garlic").salt("chicken")},

		// Drinks by brand, flavour or name.
		{"a coke", can("coke")},
		{"a can of coke zero", can("coke_zero")},
		{"two cans of diet coke", can("diet_coke").qty(2)},
		{"three cokes", can("coke").qty(3)},
		{"a pepsi max", can("pepsi_max")},
		{"a coke can", can("coke")},
		{"mountain dew", can("mountain_dew")},
		{"two lemon solos", can("solo").qty(2)},
		{"a soft drink, sprite", can("sprite")},
		{"red bull", Result{Spec: line("drinks", "energy_drink", "", "brand", "red_bull")}},
		{"two red bulls",
			Result{Spec: line("drinks", "energy_drink", "", "brand", "red_bull")}.qty(2)},
		{"a v", Result{Spec: line("drinks", "energy_drink", "", "brand", "v")}},
		{"energy drink red bull",
			Result{Spec: line("drinks", "energy_drink", "", "brand", "red_bull")}},
		{"peach iced tea", Result{Spec: line("drinks", "iced_tea", "", "flavour", "peach")}},
		{"two lemon ice teas",
			Result{Spec: line("drinks", "iced_tea", "", "flavour", "lemon")}.qty(2)},
		{"a mango", Result{Spec: line("drinks", "iced_tea", "", "flavour", "mango")}},
		{"a bottle of water", item("drinks", "water")},
		{"two waters", item("drinks", "water").qty(2)},
		{"ayran", item("drinks", "ayran")},
		{"three şalgam", item("drinks", "salgam").qty(3)},

		// Sweets.
		{"baklava", item("sweets", "baklava")},
		{"a box of baklava", item("sweets", "baklava_pack")},
		{"two rose turkish delights",
			Result{Spec: line("sweets", "turkish_delight", "", "flavour", "rose")}.qty(2)},
		{"lokum vanilla",
			Result{Spec: line("sweets", "turkish_delight", "", "flavour", "vanilla")}},

		// Meat containers: small and large are their 250 g and 500 g.
		{"small lamb meat container",
			Result{Spec: line("meat_containers", "meat_container", "250g", "protein", "lamb")}},
		{"regular mixed meat container",
			Result{Spec: line("meat_containers", "meat_container", "250g", "protein", "mix")}},
		{"half a kilo of chicken meat only",
			Result{Spec: line("meat_containers", "meat_container", "500g", "protein", "chicken")}},
		{"two 500g lamb meat containers with garlic",
			Result{Spec: line("meat_containers", "meat_container", "500g", "protein", "lamb")}.
				qty(2).sauces("garlic")},

		// Sauce tubs: the sauce is the tub's option.
		{"garlic sauce tub", Result{Spec: line("sauce_tubs", "sauce_tub", "", "sauce", "garlic")}},
		{"a sweet chillie sauce tub",
			Result{Spec: line("sauce_tubs", "sauce_tub", "", "sauce", "sweet_chilli")}},
		{"two sauce pots, mayo",
			Result{Spec: line("sauce_tubs", "sauce_tub", "", "sauce", "mayo")}.qty(2)},
		{"tomato sauce tub", Result{Spec: line("sauce_tubs", "sauce_tub", "", "sauce", "tomato")}},

		// Packaging.
		{"extra takeaway box", item("extras", "takeaway_box")},
		{"napkins please", item("extras", "napkins")},
		{"knife and fork", item("extras", "cutlery")},
		{"two paper plates", item("extras", "plates").qty(2)},
		{"a carry bag", item("extras", "carry_bag")},
		{"an extra container", item("extras", "container")},

		// Meals, with their chips, drink and salt.
		{"large lamb kebab meal", lamb("large").meal("", "", "")},
		{"large lamb kebab combo", lamb("large").meal("", "", "")},
		{"large lamb kebab make it a meal with a coke zero",
			lamb("large").meal("", "coke_zero", "")},
		{"two small chicken kebab meals with large chips and a sprite",
			kebab("small", "chicken").qty(2).meal("large", "sprite", "")},
		{"small lamb kebab meal with no chips", lamb("small").meal("none", "", "")},
		{"large chicken kebab meal with large chips and chicken salt",
			kebab("large", "chicken").meal("large", "", "chicken")},
		{"large chicken kebab meal with chips no salt",
			kebab("large", "chicken").meal("", "", "none")},
		{"large lamb kebab meal with the lot and a drink",
			lamb("large").salads(lot...).meal("", "", "")},
		{"small chicken hsp combo with a fanta", hsp("small", "chicken").meal("", "fanta", "")},
		{"lamb gozleme meal with a solo", gozleme("lamb").meal("", "solo", "")},
	}
	if len(tests) < 80 {
		t.Fatalf("only %d phrases; the table should hold at least 80", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.phrase, func(t *testing.T) {
			got, err := p.Parse(tt.phrase)
			if err != nil {
				t.Fatalf("Parse(%q): got error %v", tt.phrase, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q)\n got %+v %+v\nwant %+v %+v", tt.phrase,
					got, got.Spec.Meal, tt.want, tt.want.Spec.Meal)
			}
		})
	}
}
