package menu

import (
	"strings"
	"testing"
)

// TestParse_Problems breaks the minimal fixture one way at a time and checks
// that exactly that mistake is reported, at its path.
func TestParse_Problems(t *testing.T) {
	kebab := "categories[0].items[0]"
	tests := []struct {
		name    string
		changes []change
		path    string
		message string // a part of the message
	}{
		// Shape.
		{"unknown top-level key", []change{{"extras", 1}}, "extras", "unknown key"},
		{"unknown item key", []change{{kebab + ".colour", "brown"}},
			kebab + ".colour", "unknown key (known keys here: aliases, id, modifiers,"},
		{"price as a number", []change{{kebab + ".sizes.large", 15}},
			kebab + ".sizes.large", "must be text in quotes, not the number 15"},
		{"list instead of object", []change{{"shop.hours", []any{}}},
			"shop.hours", "must be an object"},
		{"fractional GST", []change{{"shop.gst_percent", 10.5}},
			"shop.gst_percent", "must be a whole number"},

		// Prices.
		{"missing price", []change{{"categories[3].items[1].price", remove}},
			"categories[3].items[1].price", "missing"},
		{"malformed price", []change{{kebab + ".sizes.large", "fifteen"}},
			kebab + ".sizes.large", `"fifteen" is not an amount`},
		{"three decimals", []change{{kebab + ".sizes.large", "15.005"}},
			kebab + ".sizes.large", "is not an amount"},
		{"zero price", []change{{kebab + ".sizes.small", "0.00"}},
			kebab + ".sizes.small", "must be more than 0.00"},
		{"negative price", []change{{"categories[3].items[1].price", "-3.00"}},
			"categories[3].items[1].price", "is not an amount"},
		{"zero meal price", []change{{"meals[0].price", "0"}},
			"meals[0].price", "must be more than 0.00"},
		{"malformed modifier price", []change{{"modifiers.salads.choices[1].price", "1,00"}},
			"modifiers.salads.choices[1].price", "is not an amount"},
		{"price and sizes", []change{{kebab + ".price", "10.00"}},
			kebab, "either price or sizes"},
		{"empty sizes", []change{{kebab + ".sizes", map[string]any{}}},
			kebab + ".sizes", "at least one size"},

		// Ids.
		{"badly formed id", []change{{"categories[3].id", "Cold Drinks"}},
			"categories[3].id", "lower-case letters and digits"},
		{"duplicate category id", []change{{"categories[3].id", "kebabs"}},
			"categories[3].id", `id "kebabs" is already used at categories[0].id`},
		{"duplicate item id", []change{{"categories[3].items[1].id", "kebab"}},
			"categories[3].items[1].id", `id "kebab" is already used at categories[0].items[0].id`},
		{"duplicate option id", []change{{kebab + ".options[1]",
			map[string]any{"id": "protein", "values": []any{"coke"}}}},
			kebab + ".options[1].id", `id "protein" is already used`},
		{"duplicate modifier id", []change{{"modifiers.salads.choices[1].id", "lettuce"}},
			"modifiers.salads.choices[1].id", `id "lettuce" is already used`},
		{"duplicate meal id", []change{{"meals[1].id", "small_kebab_meal"}},
			"meals[1].id", `id "small_kebab_meal" is already used at meals[0].id`},
		{"duplicate size id", []change{{"sizes[2]", map[string]any{"id": "small", "name": "wee"}}},
			"sizes[2].id", `id "small" is already used`},
		{"duplicate choice id", []change{{"choices[4]", map[string]any{"id": "lamb", "name": "hogget"}}},
			"choices[4].id", `id "lamb" is already used`},

		// Words that would make speech ambiguous.
		{"item alias naming another item", []change{{"categories[2].items[0].aliases[1]", "doner"}},
			"categories[2].items[0].aliases[1]", `"doner" already means item kebab`},
		{"item alias equal to another item's name with accents", []change{
			{"categories[2].items[0].aliases[1]", "KEBÂB"}},
			"categories[2].items[0].aliases[1]", `"kebab" already means item kebab`},
		{"category alias naming another category", []change{{"categories[1].aliases", []any{"kebabs"}}},
			"categories[1].aliases[0]", `"kebabs" already means category kebabs`},
		{"size word naming two sizes of one item", []change{{"sizes[1].aliases[1]", "regular"}},
			"sizes[1].aliases[1]", `"regular" already means size small of item kebab (sizes[0].aliases[0])`},
		{"option word naming two values of one item", []change{{"choices[1].aliases[1]", "lamp"}},
			"choices[1].aliases[1]", `"lamp" already means protein lamb of item kebab`},
		{"modifier word naming two sauces", []change{
			{"modifiers.sauces.choices[0].aliases[1]", "tomato"}},
			"modifiers.sauces.choices[1].id", `"tomato" already means garlic in sauces`},
		{"group word naming two groups", []change{{"modifiers.sauces.aliases[1]", "salad"}},
			"modifiers.sauces.aliases[1]", `"salad" already means modifier group salads`},
		{"speech word that is a menu word", []change{{"speech.fillers[3]", "Kebab"}},
			"speech.fillers[3]", `"kebab" is also a menu word (item kebab)`},
		{"speech word with two meanings", []change{{"speech.exclusions[2]", "please"}},
			"speech.exclusions[2]", `"please" already means filler`},
		{"number word with two numbers", []change{{"speech.numbers.one", 2}, {"speech.numbers.won", 1},
			{"speech.fillers[3]", "one"}},
			"speech.fillers[3]", `"one" already means the number 2`},
		{"alias with no letters", []change{{kebab + ".aliases[1]", "!!"}},
			kebab + ".aliases[1]", "needs at least one letter or digit"},

		// References.
		{"extra priced for an unknown category", []change{
			{"modifiers.extras.choices[0].prices.pizza", "1.00"}},
			"modifiers.extras.choices[0].prices.pizza", "unknown category"},
		{"extra priced for a category that takes no extras", []change{
			{"modifiers.extras.choices[0].prices.drinks", "1.00"}},
			"modifiers.extras.choices[0].prices.drinks", "does not take extras"},
		{"modifier with price and prices", []change{{"modifiers.extras.choices[0].price", "1.00"}},
			"modifiers.extras.choices[0]", "either price or prices"},
		{"unknown size on an item", []change{{kebab + ".sizes.medium", "12.00"}},
			kebab + ".sizes.medium", "unknown size"},
		{"unknown option value", []change{{kebab + ".options[0].values[2]", "beef"}},
			kebab + ".options[0].values[2]", `unknown choice "beef"`},
		{"unknown values_from group", []change{{"categories[4].items[0].options[0].values_from", "dips"}},
			"categories[4].items[0].options[0].values_from", `unknown modifier group "dips"`},
		{"unknown modifier group on a category", []change{{"categories[0].modifiers[3]", "toppings"}},
			"categories[0].modifiers[3]", `unknown modifier group "toppings"`},
		{"meal for an unknown category", []change{{"meals[2].category", "pizza"}},
			"meals[2].category", `unknown category "pizza"`},
		{"meal in an unknown size", []change{{"meals[0].size", "medium"}},
			"meals[0].size", `no item in kebabs comes in size "medium"`},
		{"meal without a size for sized items", []change{{"meals[0].size", remove}},
			"meals[0].size", "missing"},
		{"meal with unknown chips", []change{{"meals[0].chips", "huge"}},
			"meals[0].chips", `"huge" is not one of: none, small, large`},
		{"two meals with one key", []change{{"meals[1].chips", "small"}},
			"meals[1]", "same category, size and chips as meals[0]"},
		{"meal drink default not a brand", []change{{"meal_drink.default", "pepsi"}},
			"meal_drink.default", `"pepsi" is not a brand of item can`},
		{"meal drink unknown item", []change{{"meal_drink.item", "cola"}},
			"meal_drink.item", `unknown item "cola"`},
		{"salt default unknown", []change{{"modifiers.salt.default", "pepper"}},
			"modifiers.salt.default", `"pepper" is not one of the salt choices`},
		{"default outside salt", []change{{"modifiers.sauces.default", "garlic"}},
			"modifiers.sauces.default", "only salt has a default"},

		// Shop and hours.
		{"bad time", []change{{"shop.hours.monday.open", "9am"}},
			"shop.hours.monday.open", `"9am" is not a time like "11:00"`},
		{"hour out of range", []change{{"shop.hours.monday.close", "25:00"}},
			"shop.hours.monday.close", `"25:00" is not a time of day`},
		{"open equals close", []change{{"shop.hours.monday", hours("11:00", "11:00")}},
			"shop.hours.monday", "opens and closes at 11:00"},
		{"missing weekday", []change{{"shop.hours.tuesday", remove}},
			"shop.hours.tuesday", "missing"},
		{"unknown weekday", []change{{"shop.hours.funday", hours("11:00", "22:00")}},
			"shop.hours.funday", "unknown day (use monday to sunday)"},
		{"closed day with times", []change{{"shop.hours.sunday.closed", true}},
			"shop.hours.sunday", "a closed day has no open or close time"},
		{"overnight hours running into the next day's", []change{
			{"shop.hours.thursday", hours("20:00", "12:30")}},
			"shop.hours.friday.open", "opens at 11:00, before thursday's hours end at 12:30"},
		{"unknown time zone", []change{{"shop.timezone", "Mars/Olympus_Mons"}},
			"shop.timezone", `unknown time zone "Mars/Olympus_Mons"`},
		{"local time zone", []change{{"shop.timezone", "Local"}},
			"shop.timezone", "unknown time zone"},
		{"GST out of range", []change{{"shop.gst_percent", 110}},
			"shop.gst_percent", "110 is out of range"},
		{"negative GST", []change{{"shop.gst_percent", -1}},
			"shop.gst_percent", "out of range"},
		{"missing GST", []change{{"shop.gst_percent", remove}},
			"shop.gst_percent", "missing"},
		{"prep base above max", []change{{"shop.prep_minutes.base", 45}},
			"shop.prep_minutes.max", "30 is less than base (45)"},
		{"prep max zero", []change{{"shop.prep_minutes.max", 0}, {"shop.prep_minutes.base", 0}},
			"shop.prep_minutes.max", "out of range 1 to 240"},
		{"prep per line negative", []change{{"shop.prep_minutes.per_line", -2}},
			"shop.prep_minutes.per_line", "out of range 0 to 60"},
		{"phone not international", []change{{"shop.phone", "03 9000 0000"}},
			"shop.phone", "must be in international form"},
		{"quantity word out of range", []change{{"speech.numbers.lots", 100}},
			"speech.numbers.lots", "100 is out of range 1 to 99"},
		{"missing speech list", []change{{"speech.exclusions", remove}},
			"speech.exclusions", "missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(edited(t, tt.changes...))
			probs := problemsOf(t, err)
			if len(probs) != 1 {
				t.Fatalf("got %d problems, want 1:\n%v", len(probs), err)
			}
			if probs[0].Path != tt.path || !strings.Contains(probs[0].Message, tt.message) {
				t.Errorf("got %q, want path %q with message containing %q",
					probs[0], tt.path, tt.message)
			}
			if !strings.HasPrefix(err.Error(), tt.path+": ") {
				t.Errorf("got error %q, want it to start with the path", err)
			}
		})
	}
}

func TestParse_DuplicateKey(t *testing.T) {
	data := strings.Replace(string(edited(t)), `"gst_percent":10`,
		`"gst_percent":10,"gst_percent":15`, 1)
	probs := problemsOf(t, mustFail(t, []byte(data)))
	if len(probs) != 1 || probs[0].String() != "shop.gst_percent: key given more than once" {
		t.Errorf("got %v, want one duplicate key problem", probs)
	}
}

// TestLoad_SeveralProblems checks that one broken file yields every
// problem, each at its path, in one error.
func TestLoad_SeveralProblems(t *testing.T) {
	_, err := Load("testdata/several_problems.json")
	want := []string{
		"categories[0].items[0].colour: unknown key (known keys here: aliases, id, modifiers," +
			" name, options, price, sizes)",
		`shop.timezone: unknown time zone "Australia/Melbourn" (use a name like "Australia/Melbourne")`,
		`shop.hours.friday: opens and closes at 11:00; for a day off write "closed": true`,
		`shop.hours.sunday: missing: give "open" and "close", or "closed": true`,
		"categories[0].items[0].sizes.large: must be more than 0.00",
		`categories[1].items[0].aliases[0]: "kebab" already means item kebab (categories[0].items[0].id)`,
		`categories[2].items[0].options[0].values[0]: unknown choice "coke" (add it to the choices list)`,
		"modifiers.extras.choices[0].prices.kebab: unknown category",
		`meal_drink.default: "coke" is not a brand of item can`,
		`meals[1].category: unknown category "gozleme"`,
	}
	probs := problemsOf(t, err)
	if len(probs) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(probs), len(want), err)
	}
	for i, p := range probs {
		if p.String() != want[i] {
			t.Errorf("problem %d: got %q, want %q", i, p, want[i])
		}
	}
	if !strings.Contains(err.Error(), "10 problems:\n  categories[0].items[0].colour:") {
		t.Errorf("got error text %q, want a count then one problem per line", err)
	}
}

func mustFail(t *testing.T, data []byte) error {
	t.Helper()
	m, err := Parse(data)
	if err == nil {
		t.Fatalf("Parse succeeded with %d categories, want an error", len(m.Categories()))
	}
	return err
}
