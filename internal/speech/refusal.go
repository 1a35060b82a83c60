package speech

import (
	"slices"
	"strconv"

	"github.com/kebabalab/kebabalab/internal/menu"
)

// Refusal is the error Parse returns for a phrase it cannot turn into a
// line: something missing, unclear or not on offer. Message is a sentence
// the assistant can use to ask the caller; it names only menu words and
// words the caller said.
type Refusal struct {
	Message string
}

// Error returns the message.
func (e *Refusal) Error() string {
	return e.Message
}

// CallerMessage returns the message, for the tool result.
func (e *Refusal) CallerMessage() string {
	return e.Message
}

func refuse(msg string) error {
	return &Refusal{Message: msg}
}

func refuseEmpty() error {
	return refuse("Sorry, I didn't catch that. What would you like to order?")
}

func refuseTooLong() error {
	return refuse("That's a lot at once. Please add one item at a time.")
}

// maxEchoed bounds how many unknown words a refusal repeats back.
const maxEchoed = 5

func refuseNoItem(ignored []string) error {
	if len(ignored) == 0 {
		return refuse("Which item from the menu would you like?")
	}
	return refuse("Sorry, I couldn't find " + joinWords(ignored[:min(len(ignored), maxEchoed)]) +
		" on the menu. Which item would you like?")
}

func refuseQuantity() error {
	return refuse("Sorry, how many would you like? I can add 1 to 99 of an item at a time.")
}

// refuseUnclearQuantity repeats the words that made the quantity unclear,
// so that the assistant can tell "a hundred" (ask how many) from "a
// medium" (not a size on the menu) when it asks the caller again.
func refuseUnclearQuantity(words string) error {
	return refuse("Sorry, I didn't follow \"" + words + "\". How many would you like? " +
		"I can add 1 to 99 of an item at a time.")
}

func refuseSplit(n int) error {
	return refuse("Is that on all " + strconv.Itoa(n) + ", or just one? If just one, let's " +
		"add them one at a time: the different one first, then the rest.")
}

func refuseTwoItems(a, b string) error {
	return refuse("Let's add those one at a time. Which first: the " + display(a) +
		" or the " + display(b) + "?")
}

func refuseAmbiguous(words []string) error {
	return refuse("Sorry, did you mean " + list(words, "or") + "?")
}

func refuseWhichOf(category string, items []*menu.Item) error {
	return refuse("Which of our " + display(category) + " would you like: " +
		list(itemNames(items), "or") + "?")
}

func refuseWhichItem(word string, items []*menu.Item) error {
	names := itemNames(items)
	if len(names) == 1 {
		return refuse("Which item is the " + word + " for? We have it as a " + names[0] + ".")
	}
	return refuse("Which item is the " + word + " for: " + list(names, "or") + "?")
}

func refuseWhichItemFor() error {
	return refuse("Which item is that for? Please say the item too.")
}

func refuseUnavailable(what string, it *menu.Item) error {
	return refuse("Sorry, that isn't available: we can't put " + what + " on the " +
		display(it.Name) + ".")
}

func refuseNotOption(word string, it *menu.Item) error {
	return refuse("Sorry, " + word + " isn't an option for the " + display(it.Name) +
		". Please add other items one at a time.")
}

func refuseNotMeal(it *menu.Item, cats []*menu.Category) error {
	names := make([]string, 0, len(cats))
	for _, c := range cats {
		names = append(names, display(c.Name))
	}
	return refuse("Sorry, the " + display(it.Name) + " can't be made a meal; meals are for " +
		list(names, "and") + ".")
}

func refuseMealChips(it *menu.Item, chips string, chipsItem *menu.Item) error {
	if chips == menu.NoChips {
		return refuse("Sorry, the " + display(it.Name) + " meal always comes with chips.")
	}
	name := chips
	for _, sp := range chipsItem.Sizes {
		if sp.Size.ID == chips {
			name = sp.Size.Name
		}
	}
	return refuse("Sorry, the " + display(it.Name) + " meal doesn't come with " + name + " " +
		display(chipsItem.Name) + ".")
}

func refuseSize(it *menu.Item) error {
	names := make([]string, 0, len(it.Sizes))
	for _, sp := range it.Sizes {
		names = append(names, sp.Size.Name)
	}
	return refuse("What size would you like for the " + display(it.Name) + ": " +
		list(names, "or") + "?")
}

func refuseOneSize(it *menu.Item) error {
	return refuse("The " + display(it.Name) + " only comes in one size. Shall I add it?")
}

func refuseOption(it *menu.Item, o *menu.Option) error {
	names := make([]string, 0, len(o.Values))
	for _, v := range o.Values {
		names = append(names, v.Name)
	}
	return refuse("Which " + o.ID + " would you like for the " + display(it.Name) + ": " +
		list(names, "or") + "?")
}

func refuseConflict(it *menu.Item, a, b string) error {
	return refuse("Did you want " + a + " or " + b + " for the " + display(it.Name) +
		"? Please add them one at a time.")
}

func refuseSalt(it *menu.Item, salts []string) error {
	return refuse("Which salt would you like on the " + display(it.Name) + ": " +
		list(salts, "or") + "?")
}

func itemNames(items []*menu.Item) []string {
	names := make([]string, 0, len(items))
	for _, it := range items {
		if n := display(it.Name); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}
