package tools_test

// spokenLine is the cart line a spoken phrase must become: what the
// assistant reads back (name and details), how many, and the unit price in
// cents from menu.json. Ignored is the ignoredWords the result must carry.
type spokenLine struct {
	phrase  string
	name    string
	details string
	qty     int
	cents   int
	ignored []string
}

// Names of the shipped menu's lines, as cart lines show them.
const (
	smallKebab = "Small kebab"
	largeKebab = "Large kebab"
	smallHSP   = "Small HSP"
	largeHSP   = "Large HSP"
	gozleme    = "Gözleme"
	smallChips = "Small chips"
	largeChips = "Large chips"
	canName    = "Soft drink can (375 ml)"
	energy     = "Energy drink (250 ml)"
	icedTea    = "Iced tea"
	sauceTub   = "Sauce tub"
	delight    = "Turkish delight"
	withLot    = "lettuce, tomato, onion, pickles"
)

// spokenLines are phrases as callers say them, each with the one line it
// must add through quickAddItem. Prices: kebab $10/$15, HSP $15/$20,
// gözleme $15, chips $5/$9, cheesy chips $6/$10, cans and energy drinks
// $3.50; cheese and jalapeños +$1, olives +$1, haloumi +$2.50, extra meat
// +$4, chips inside +$3; meals at their meal price.
var spokenLines = []spokenLine{
	// Kebabs: quantity, size and protein in any order, with filler.
	{"two large lamb kebabs", largeKebab, "lamb", 2, 1500, nil},
	{"hi there, could I get a large lamb kebab please", largeKebab, "lamb", 1, 1500,
		[]string{"hi", "there"}},
	{"um, can i please get a small mix kebab, thanks mate", smallKebab, "mix", 1, 1000, nil},
	{"i'd like a small falafel kebab please", smallKebab, "falafel", 1, 1000, nil},
	{"Large Chicken Kebab!!!", largeKebab, "chicken", 1, 1500, nil},
	{"A LARGE LAMB KEBAB WITH GARLIC", largeKebab, "lamb, garlic", 1, 1500, nil},
	{"large-lamb-kebab", largeKebab, "lamb", 1, 1500, nil},
	{"small doner lamb", smallKebab, "lamb", 1, 1000, nil},
	{"I want a large döner with chicken, no tomato", largeKebab, "chicken", 1, 1500, nil},
	{"a small lamb wrap", smallKebab, "lamb", 1, 1000, nil},
	{"a big lamb kebab", largeKebab, "lamb", 1, 1500, nil},
	{"one regular chicken kebab", smallKebab, "chicken", 1, 1000, nil},
	{"a lamb and chicken kebab, large", largeKebab, "mix", 1, 1500, nil},
	{"a large vegetarian kebab", largeKebab, "falafel", 1, 1500, nil},
	{"um uh yeah a small chicken kebab with uh chilli", smallKebab, "chicken, chilli", 1,
		1000, nil},

	// Misheard words: the nearest menu word within a small distance.
	{"small lamp kebab", smallKebab, "lamb", 1, 1000, nil},
	{"small chkn kebab", smallKebab, "chicken", 1, 1000, nil},
	{"large chickin kebab with the lot", largeKebab, "chicken, " + withLot, 1, 1500, nil},
	{"large chiken kebab with halumi and chillli", largeKebab, "chicken, chilli, haloumi", 1,
		1750, nil},
	{"falafle kebab large", largeKebab, "falafel", 1, 1500, nil},
	{"kebap large mix", largeKebab, "mix", 1, 1500, nil},
	{"a small lamm kebab with garlick", smallKebab, "lamb, garlic", 1, 1000, nil},
	{"large chicken kebab with galic", largeKebab, "chicken, garlic", 1, 1500, nil},
	{"large chicken kebab with garlek", largeKebab, "chicken, garlic", 1, 1500, nil},
	{"large lamb kebab with tomatoe", largeKebab, "lamb, tomato", 1, 1500, nil},
	{"large lamb kebab with hommus", largeKebab, "lamb, hummus", 1, 1500, nil},
	{"large halal snak pack lamb with haloumi", largeHSP, "lamb, haloumi", 1, 2250, nil},
	{"a pepsi maxx", canName, "Pepsi Max", 1, 350, nil},
	{"a baklavaa", "Baklava", "", 1, 300, nil},
	{"small lamb kebab with salas", smallKebab, "lamb, " + withLot, 1, 1000, nil},

	// Numbers as digits and words, 1 to 99.
	{"can I have three small chicken kebabs with garlic and chilli", smallKebab,
		"chicken, garlic, chilli", 3, 1000, nil},
	{"eleven small lamb kebabs", smallKebab, "lamb", 11, 1000, nil},
	{"a dozen small chicken kebabs", smallKebab, "chicken", 12, 1000, nil},
	{"half a dozen cokes", canName, "Coke", 6, 350, nil},
	{"twenty two small chicken kebabs", smallKebab, "chicken", 22, 1000, nil},
	{"thirty large lamb kebabs", largeKebab, "lamb", 30, 1500, nil},
	{"ninety nine small chicken kebabs", smallKebab, "chicken", 99, 1000, nil},
	{"a couple of large lamb kebabs", largeKebab, "lamb", 2, 1500, nil},
	{"2 large lamb kebabs", largeKebab, "lamb", 2, 1500, nil},
	{"99 cans of coke", canName, "Coke", 99, 350, nil},
	{"large lamb kebabs, three of them", largeKebab, "lamb", 3, 1500, []string{"them"}},

	// Salads, the lot, and exclusions applied after inclusions.
	{"yeah could I get two large lamp kebabs with the lot no onion and garlik sauce",
		largeKebab, "lamb, lettuce, tomato, pickles, garlic", 2, 1500, nil},
	{"ok so I'll have a large doner kebab, lamb, with the lot", largeKebab, "lamb, " + withLot,
		1, 1500, []string{"so"}},
	{"small lamb kebab with salad", smallKebab, "lamb, " + withLot, 1, 1000, nil},
	{"large mix kebab with the works", largeKebab, "mix, " + withLot, 1, 1500, nil},
	{"small lamb kebab with the lot and olives", smallKebab, "lamb, " + withLot + ", olives",
		1, 1100, nil},
	{"a large lamb kebab with lettuce tomato and onion and garlic", largeKebab,
		"lamb, lettuce, tomato, onion, garlic", 1, 1500, nil},
	{"large lamb kebab with onions and pickle", largeKebab, "lamb, onion, pickles", 1, 1500,
		nil},
	{"large lamb kebab with olive", largeKebab, "lamb, olives", 1, 1600, nil},
	{"large lamb kebab with the lot, no onion, extra cheese", largeKebab,
		"lamb, lettuce, tomato, pickles, cheese", 1, 1600, nil},
	{"large lamb kebab no onion with the lot", largeKebab, "lamb, lettuce, tomato, pickles",
		1, 1500, nil},
	{"a large lamb kebab with the lot no pickles no onion", largeKebab, "lamb, lettuce, tomato",
		1, 1500, nil},
	{"large lamb kebab with the lot hold the lettuce and pickles", largeKebab,
		"lamb, tomato, onion", 1, 1500, nil},
	{"large lamb kebab with the lot take off the tomato", largeKebab,
		"lamb, lettuce, onion, pickles", 1, 1500, nil},
	{"large lamb kebab with all the salads no need for pickles", largeKebab,
		"lamb, lettuce, tomato, onion", 1, 1500, nil},
	{"four large mixed kebabs with everything except onion", largeKebab,
		"mix, lettuce, tomato, pickles", 4, 1500, nil},
	{"large lamb kebab with everything but no tomato", largeKebab,
		"lamb, lettuce, onion, pickles", 1, 1500, nil},
	{"large lamb kebab with everything but onion", largeKebab, "lamb, lettuce, tomato, pickles",
		1, 1500, nil},
	{"one small kebab, chicken, everything, garlic and chilli, no onions", smallKebab,
		"chicken, lettuce, tomato, pickles, garlic, chilli", 1, 1000, nil},
	{"large lamb kebab with the lot no onion with olives", largeKebab,
		"lamb, lettuce, tomato, pickles, olives", 1, 1600, nil},
	{"large lamb kebab with the lot no salad", largeKebab, "lamb", 1, 1500, nil},
	{"large lamb kebab with garlic, no garlic", largeKebab, "lamb", 1, 1500, nil},
	{"small lamb kebab with garlic no salad no sauce", smallKebab, "lamb", 1, 1000, nil},

	// Sauces: compound names are read before their parts.
	{"large lamb kebab with garlic and sweet chilli", largeKebab, "lamb, garlic, sweet chilli",
		1, 1500, nil},
	{"large chicken kebab with sweet chilly", largeKebab, "chicken, sweet chilli", 1, 1500,
		nil},
	{"large lamb kebab with chilli and sweet chilli", largeKebab, "lamb, chilli, sweet chilli",
		1, 1500, nil},
	{"large lamb kebab with tomato sauce", largeKebab, "lamb, tomato sauce", 1, 1500, nil},
	{"large lamb kebab with tomato", largeKebab, "lamb, tomato", 1, 1500, nil},
	{"large lamb kebab with tomato and tomato sauce", largeKebab, "lamb, tomato, tomato sauce",
		1, 1500, nil},
	{"large chicken kebab with the lot no tomato and tomato sauce", largeKebab,
		"chicken, lettuce, onion, pickles, tomato sauce", 1, 1500, nil},
	{"large lamb kebab with ketchup and bbq", largeKebab, "lamb, bbq, tomato sauce", 1, 1500,
		nil},
	{"large chicken kebab with barbecue sauce and aioli", largeKebab, "chicken, bbq, mayo", 1,
		1500, nil},
	{"small lamb kebab with humus", smallKebab, "lamb, hummus", 1, 1000, nil},
	{"large lamb kebab with chilly sauce", largeKebab, "lamb, chilli", 1, 1500, nil},

	// Extras are charged.
	{"large lamb kebab with cheese and haloumi", largeKebab, "lamb, cheese, haloumi", 1, 1850,
		nil},
	{"large lamb kebab with extra meat and jalapenos", largeKebab, "lamb, extra meat, jalapeños",
		1, 2000, nil},
	{"large lamb kebab with double meat", largeKebab, "lamb, extra meat", 1, 1900, nil},
	{"large lamb kebab with chips inside", largeKebab, "lamb, chips inside", 1, 1800, nil},
	{"large lamb kebab with halloumi", largeKebab, "lamb, haloumi", 1, 1750, nil},

	// Words off the menu are reported, not fatal.
	{"small lamb kebab with pineapple", smallKebab, "lamb", 1, 1000, []string{"pineapple"}},
	{"large lamb kebab with pineapple and garlic", largeKebab, "lamb, garlic", 1, 1500,
		[]string{"pineapple"}},
	{"a large lamb kebab with beetroot", largeKebab, "lamb", 1, 1500, []string{"beetroot"}},
	{"large lamb kebab, extra hot please", largeKebab, "lamb", 1, 1500,
		[]string{"extra", "hot"}},

	// HSP: cheese comes with it, so "no cheese" is shown and not charged.
	{"a large halal snack pack lamb", largeHSP, "lamb", 1, 2000, nil},
	{"small snack pack chicken", smallHSP, "chicken", 1, 1500, nil},
	{"small hsp chicken no cheese", smallHSP, "chicken, no cheese", 1, 1500, nil},
	{"large lamb hsp with cheese", largeHSP, "lamb", 1, 2000, nil},
	{"large hsp chicken with haloumi and no cheese", largeHSP, "chicken, haloumi, no cheese", 1,
		2250, nil},
	{"small chicken hsp no cheese with haloumi", smallHSP, "chicken, haloumi, no cheese", 1,
		1750, nil},
	{"a large HSP mixed with garlic chilli and bbq", largeHSP, "mix, garlic, chilli, bbq", 1,
		2000, nil},
	{"small chicken HSP with chips inside and extra meat", smallHSP,
		"chicken, extra meat, chips inside", 1, 2200, nil},
	{"large lamb hsp with tomato", largeHSP, "lamb, tomato sauce", 1, 2000, nil},
	{"two big hsps chicken", largeHSP, "chicken", 2, 2000, nil},
	{"small vegetarian hsp", smallHSP, "falafel", 1, 1500, nil},

	// Gözleme: the same words are fillings here.
	{"gozlem lamb", gozleme, "lamb", 1, 1500, nil},
	{"a single chicken gözleme with cheese", gozleme, "chicken, cheese", 1, 1600, nil},
	{"vego gozleme", gozleme, "vegetarian", 1, 1500, nil},
	{"a spinach and cheese gözleme with chilli", gozleme, "vegetarian, chilli", 1, 1500, nil},
	{"vegan guzleme with haloumi and jalapenos", gozleme, "vegan, haloumi, jalapeños", 1, 1850,
		nil},
	{"i'll take two lamb gozleme", gozleme, "lamb", 2, 1500, nil},

	// Chips and their salt; chicken salt is the default.
	{"small chips", smallChips, "chicken salt", 1, 500, nil},
	{"large fries with chicken salt", largeChips, "chicken salt", 1, 900, nil},
	{"large chips chicken", largeChips, "chicken salt", 1, 900, nil},
	{"large hot chips", largeChips, "chicken salt", 1, 900, nil},
	{"small chips no salt", smallChips, "no salt", 1, 500, nil},
	{"large chips hold the salt", largeChips, "no salt", 1, 900, nil},
	{"small chips, normal salt", smallChips, "normal salt", 1, 500, nil},
	{"a small chips plain salt", smallChips, "normal salt", 1, 500, nil},
	{"two large chips with chicken salt", largeChips, "chicken salt", 2, 900, nil},
	{"small chips no chicken salt, normal salt", smallChips, "normal salt", 1, 500, nil},
	{"large cheesy chips with bbq", "Large chips with cheese and sauce", "bbq, chicken salt", 1,
		1000, nil},
	{"small chips with cheese", "Small chips with cheese and sauce", "chicken salt", 1, 600,
		nil},

	// Drinks by brand, flavour or name.
	{"a coke", canName, "Coke", 1, 350, nil},
	{"coca cola", canName, "Coke", 1, 350, nil},
	{"a can of coke zero", canName, "Coke Zero", 1, 350, nil},
	{"two cans of diet coke", canName, "Diet Coke", 2, 350, nil},
	{"fourteen cokes", canName, "Coke", 14, 350, nil},
	{"a vanilla coke", canName, "Vanilla Coke", 1, 350, nil},
	{"a can of pepsi", canName, "Pepsi", 1, 350, nil},
	{"mountain dew", canName, "Mountain Dew", 1, 350, nil},
	{"two lemon solos", canName, "Solo", 2, 350, nil},
	{"a soft drink, sprite", canName, "Sprite", 1, 350, nil},
	{"two cans of lemonade", canName, "lemonade", 2, 350, nil},
	{"schweppes", canName, "Schweppes", 1, 350, nil},
	{"a can of red bull", energy, "Red Bull", 1, 350, nil},
	{"a v energy drink", energy, "V", 1, 350, nil},
	{"peach iced tea", icedTea, "peach", 1, 450, nil},
	{"two lemon ice teas", icedTea, "lemon", 2, 450, nil},
	{"two bottles of water", "Water (500 ml)", "", 2, 300, nil},
	{"an ayran", "Ayran", "", 1, 350, nil},
	{"two shalgam", "Şalgam", "", 2, 350, nil},

	// Sweets.
	{"four baklava", "Baklava", "", 4, 300, nil},
	{"a box of baklava", "Baklava pack of 4", "", 1, 1000, nil},
	{"a pack of four baklava", "Baklava pack of 4", "", 1, 1000, nil},
	{"two boxes of baklava", "Baklava pack of 4", "", 2, 1000, nil},
	{"two rose turkish delights", delight, "rose", 2, 100, nil},
	{"lokum vanilla", delight, "vanilla", 1, 100, nil},

	// Meat containers, sauce tubs and packaging.
	{"a large chicken meat container", "500 g meat container", "chicken", 1, 2000, nil},
	{"a 250 gram lamb meat container", "250 g meat container", "lamb", 1, 1300, nil},
	{"half a kilo of chicken meat only", "500 g meat container", "chicken", 1, 2000, nil},
	{"a sweet chillie sauce tub", sauceTub, "sweet chilli", 1, 100, nil},
	{"a tub of garlic sauce", sauceTub, "garlic", 1, 100, nil},
	{"tomato sauce tub", sauceTub, "tomato sauce", 1, 100, nil},
	{"two sauce pots, mayo", sauceTub, "mayo", 2, 100, nil},
	{"extra takeaway box", "Takeaway box", "", 1, 200, nil},
	{"knife and fork", "Cutlery set", "", 1, 100, nil},
	{"napkins please", "Napkins", "", 1, 50, nil},

	// Meals, priced at the meal price.
	{"small lamb kebab meal", "Small kebab meal", "lamb, small chips, chicken salt, Coke", 1,
		1700, nil},
	{"two large lamb kebab meals", "Large kebab meal", "lamb, small chips, chicken salt, Coke",
		2, 2200, nil},
	{"two large lamb kebab meals, a sprite", "Large kebab meal",
		"lamb, small chips, chicken salt, Sprite", 2, 2200, nil},
	{"a large chicken kebab meal with a pepsi max", "Large kebab meal",
		"chicken, small chips, chicken salt, Pepsi Max", 1, 2200, nil},
	{"two small chicken kebab meals with large chips and a sprite",
		"Small kebab meal with large chips", "chicken, large chips, chicken salt, Sprite", 2,
		2000, nil},
	{"large chicken kebab meal with large chips and chicken salt",
		"Large kebab meal with large chips", "chicken, large chips, chicken salt, Coke", 1, 2500,
		nil},
	{"small lamb kebab meal with no chips", "Small kebab and can", "lamb, Coke", 1, 1200, nil},
	{"small chicken kebab meal with a sprite and no salt on the chips", "Small kebab meal",
		"chicken, small chips, no salt, Sprite", 1, 1700, nil},
	{"small chicken hsp combo with a fanta", "Small HSP combo", "chicken, Fanta", 1, 1700, nil},
	{"large hsp combo lamb", "Large HSP combo", "lamb, Coke", 1, 2200, nil},
	{"chicken gozleme meal with a fanta", "Gözleme meal",
		"chicken, small chips, chicken salt, Fanta", 1, 2300, nil},
}

// spokenRefusal is a phrase that must be refused, with the sentence (or
// the distinctive part of it) that tells the assistant what to ask.
type spokenRefusal struct {
	phrase string
	want   string
}

var spokenRefusals = []spokenRefusal{
	// Nothing to add.
	{"", "Sorry, I didn't catch that. What would you like to order?"},
	{"   ,,, !", "Sorry, I didn't catch that. What would you like to order?"},
	{"um yeah thanks", "Which item from the menu would you like?"},
	{"a pizza", "Sorry, I couldn't find pizza on the menu. Which item would you like?"},
	{"pineapple pizza with extra pineapple",
		"Sorry, I couldn't find pineapple pizza extra pineapple on the menu."},
	{"with the lot", "Which item is that for? Please say the item too."},
	{"no onion", "Which item is that for? Please say the item too."},

	// A required choice missing: asked for, never defaulted.
	{"lamb kebab", "What size would you like for the kebab: small or large?"},
	{"a kebab with garlic", "What size would you like for the kebab: small or large?"},
	{"chips", "What size would you like for the chips: small or large?"},
	{"a halal snack pack with garlic", "What size would you like for the HSP: small or large?"},
	{"lamb meat container", "What size would you like for the meat container: 250 g or 500 g?"},
	{"large kebab with the lot",
		"Which protein would you like for the kebab: lamb, chicken, mix or falafel?"},
	{"small hsp", "Which protein would you like for the HSP: lamb, chicken, mix or falafel?"},
	{"gozleme",
		"Which variant would you like for the gözleme: lamb, chicken, vegetarian or vegan?"},
	{"a can", "Which brand would you like for the soft drink can: Coke, Coke Zero, Diet Coke,"},
	{"an energy drink", "Which brand would you like for the energy drink: Red Bull or V?"},
	{"iced tea", "Which flavour would you like for the iced tea: lemon, peach or mango?"},
	{"turkish delight", "Which flavour would you like for the turkish delight: rose or vanilla?"},
	{"sauce tub", "Which sauce would you like for the sauce tub: garlic, chilli, bbq,"},
	{"something to drink", "Which of our drinks would you like: soft drink can, water, ayran,"},
	{"lamb", "Which item is the lamb for: kebab, HSP, gözleme or meat container?"},
	{"garlic", "Which item is the garlic for? We have it as a sauce tub."},

	// Quantities outside 1 to 99, or not clear.
	{"0 large lamb kebabs", "Sorry, how many would you like? I can add 1 to 99 of an item"},
	{"100 cokes", "Sorry, how many would you like? I can add 1 to 99 of an item"},
	{"150 cans of coke", "Sorry, how many would you like?"},
	{"a hundred small lamb kebabs", `Sorry, I didn't follow "a hundred". How many would you`},
	{"two hundred large chicken kebabs", `I didn't follow "two hundred". How many would you like?`},
	{"2x small lamb kebabs", "Sorry, how many would you like?"},
	{"a medium lamb kebab", `Sorry, I didn't follow "a medium". How many would you like?`},
	{"small chips hold the chicken salt",
		"Which salt would you like on the chips: normal salt or no salt?"},
	{"two large lamb kebabs, three", "Sorry, how many would you like?"},
	{"two large lamb kebabs, one with garlic",
		"Is that on all 2, or just one? If just one, let's add them one at a time"},

	// A misheard word as near to two menu words.
	{"mano", "Sorry, did you mean mango or mayo?"},
	{"vega gozleme", "Sorry, did you mean vegan or vego?"},
	{"salas", "Sorry, did you mean salad or salts?"},

	// One line at a time, and one choice at a time.
	{"large lamb kebab and a coke",
		"Let's add those one at a time. Which first: the kebab or the soft drink can?"},
	{"large lamb kebab with haloumi and a fanta", "Which first: the kebab or the soft drink can?"},
	{"small lamb kebab large",
		"Did you want small or large for the kebab? Please add them one at a time."},
	{"a sprite and a coke", "Did you want Sprite or Coke for the soft drink can?"},
	{"two rose and vanilla turkish delights", "Did you want rose or vanilla for the turkish"},

	// Not on offer for the item: refused, never free.
	{"small chips with haloumi", "Sorry, that isn't available: we can't put haloumi on the chips."},
	{"small chips with chicken salt and bbq", "we can't put bbq on the chips."},
	{"large lamb hsp with olives", "we can't put olives on the HSP."},
	{"large lamb kebab with chicken salt", "we can't put chicken salt on the kebab."},
	{"a large water", "The water only comes in one size. Shall I add it?"},
	{"a coke meal", "Sorry, the soft drink can can't be made a meal; meals are for kebabs, HSP"},
	{"small chicken hsp combo with large chips", "Sorry, the HSP meal doesn't come with large"},
}
