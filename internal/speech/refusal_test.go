package speech

import (
	"strings"
	"testing"
)

// TestParser_Parse_refusals checks that phrases the caller must clarify, or
// that ask for what the menu cannot make, are refused with a sentence that
// says what to ask.
func TestParser_Parse_refusals(t *testing.T) {
	p := mustParser(t)
	tests := []struct {
		phrase string
		want   string // the message, or a distinctive part of it
	}{
		// Nothing to add.
		{"", "Sorry, I didn't catch that. What would you like to order?"},
		{"   ,,, !", "Sorry, I didn't catch that."},
		{"um yeah please thanks", "Which item from the menu would you like?"},
		{"pineapple pizza",
			"Sorry, I couldn't find pineapple pizza on the menu. Which item would you like?"},
		{"hold the onion", "Which item is that for? Please say the item too."},
		{"with the lot", "Which item is that for?"},
		{strings.Repeat("kebab ", 100), "Please add one item at a time."},

		// Something missing: asked for by name, never defaulted.
		{"lamb kebab", "What size would you like for the kebab: small or large?"},
		{"chips", "What size would you like for the chips: small or large?"},
		{"chicken meat container",
			"What size would you like for the meat container: 250 g or 500 g?"},
		{"250g lamb kebab", "What size would you like for the kebab: small or large?"},
		{"large kebab",
			"Which protein would you like for the kebab: lamb, chicken, mix or falafel?"},
		{"small hsp no cheese", "Which protein would you like for the HSP: lamb, chicken, mix or"},
		{"a gozleme",
			"Which variant would you like for the gözleme: lamb, chicken, vegetarian or vegan?"},
		{"a can", "Which brand would you like for the soft drink can: Coke, Coke Zero,"},
		{"energy drink", "Which brand would you like for the energy drink: Red Bull or V?"},
		{"iced tea", "Which flavour would you like for the iced tea: lemon, peach or mango?"},
		{"turkish delight",
			"Which flavour would you like for the turkish delight: rose or vanilla?"},
		{"sauce tub", "Which sauce would you like for the sauce tub: garlic, chilli, bbq,"},
		{"a drink", "Which of our drinks would you like: soft drink can, water, ayran, şalgam,"},
		{"something sweet", "Which of our sweets would you like: baklava,"},
		{"a chicken",
			"Which item is the chicken for: kebab, HSP, gözleme or meat container?"},
		{"garlic", "Which item is the garlic for? We have it as a sauce tub."},

		// Quantities outside 1 to 99, or not understood.
		{"0 kebabs", "how many would you like? I can add 1 to 99"},
		{"100 large lamb kebabs", "how many would you like?"},
		{"a hundred large lamb kebabs", `Sorry, I didn't follow "a hundred". How many would you`},
		{"two thousand cokes", `I didn't follow "two thousand". How many would you like?`},
		{"a medium lamb kebab", `I didn't follow "a medium". How many would you like?`},
		{"2x large lamb kebab", "how many would you like?"},
		{"two large lamb kebabs, three", "how many would you like?"},
		{"two large lamb kebabs, one with garlic", "Is that on all 2, or just one? If just one"},
		{"three small chips, 1 no salt", "Is that on all 3, or just one?"},
		{"99999999999999999999999 cokes", "how many would you like?"},

		// Misheard words with two readings.
		{"mano", "Sorry, did you mean mango or mayo?"},
		{"vega gozleme", "Sorry, did you mean vegan or vego?"},
		{"salas", "Sorry, did you mean salad or salts?"}, // "salads" means "salad"

		// One line at a time.
		{"large lamb kebab and a coke",
			"Let's add those one at a time. Which first: the kebab or the soft drink can?"},
		{"large lamb kebab with chips", "Which first: the kebab or the chips?"},
		{"large lamb kebab meal with a red bull", "Which first: the kebab or the energy drink?"},
		{"a water and an ayran", "Which first: the water or the ayran?"},
		{"lamb chips large",
			"Sorry, lamb isn't an option for the chips. Please add other items one at a time."},
		{"lamb or chicken kebab small",
			"Did you want lamb or chicken for the kebab? Please add them one at a time."},
		{"small large lamb kebab", "Did you want small or large for the kebab?"},
		{"a sprite and a fanta", "Did you want Sprite or Fanta for the soft drink can?"},
		{"large lamb kebab meal with a coke and a sprite", "Did you want Coke or Sprite"},
		{"large chips with chicken salt and normal salt",
			"Did you want chicken salt or normal salt for the chips?"},

		// Not on offer for the item: refused, never free, never dropped.
		{"large chips with haloumi",
			"Sorry, that isn't available: we can't put haloumi on the chips."},
		{"large lamb hsp with olives", "we can't put olives on the HSP."},
		{"lamb gozleme with extra meat", "we can't put extra meat on the gözleme."},
		{"small chips with bbq", "we can't put bbq on the chips."},
		{"large lamb hsp with the lot", "we can't put salad on the HSP."},
		{"large lamb kebab with chicken salt", "we can't put chicken salt on the kebab."},
		{"a large coke", "The soft drink can only comes in one size."},
		{"large chips no chicken salt",
			"Which salt would you like on the chips: normal salt or no salt?"},
		{"small chips hold the chicken salt",
			"Which salt would you like on the chips: normal salt or no salt?"},

		// Meals.
		{"a coke meal",
			"Sorry, the soft drink can can't be made a meal; " +
				"meals are for kebabs, HSP and gözleme."},
		{"large chips meal", "the chips can't be made a meal"},
		{"baklava combo", "the baklava can't be made a meal"},
		{"small chicken hsp combo with large chips",
			"Sorry, the HSP meal doesn't come with large chips."},
		{"lamb gozleme meal no chips", "Sorry, the gözleme meal always comes with chips."},
		{"lamb kebab meal", "What size would you like for the kebab: small or large?"},
	}
	if len(tests) < 30 {
		t.Fatalf("only %d refusals; the table should hold at least 30", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.phrase, func(t *testing.T) {
			got, err := p.Parse(tt.phrase)
			if err == nil {
				t.Fatalf("Parse(%q): got %+v, want a refusal", tt.phrase, got)
			}
			ref := asRefusal(t, tt.phrase, err)
			if !strings.Contains(ref.Message, tt.want) {
				t.Errorf("Parse(%q): got message %q, want it to contain %q",
					tt.phrase, ref.Message, tt.want)
			}
			if ref.Error() != ref.Message || ref.CallerMessage() != ref.Message {
				t.Errorf("Error() and CallerMessage() must return the message")
			}
		})
	}
}
