package cart

// Spec names one cart line in menu words: ids, names or aliases, in any
// case (see menu.Normalize). It is what the assistant's structured tool
// arguments and the speech parser both produce, and what a stored order
// line keeps so that a repeat order can be rebuilt at today's prices.
// Build turns it into a Line or refuses it; nothing in a Spec is trusted.
type Spec struct {
	// Category is a category word, such as "kebabs". It may be empty when
	// Item names an item on its own.
	Category string `json:"category,omitempty"`
	// Item is an item word, such as "kebab" or "coke". It may be empty when
	// the category has a single item.
	Item string `json:"item,omitempty"`
	// Size is a size word; required for items sold in sizes.
	Size string `json:"size,omitempty"`
	// Choices maps an option id to a value word: "protein": "lamb",
	// "brand": "coke". Every option of the item needs a value.
	Choices map[string]string `json:"choices,omitempty"`
	// Salads, Sauces and Extras are modifier words to put on the item.
	Salads []string `json:"salads,omitempty"`
	Sauces []string `json:"sauces,omitempty"`
	Extras []string `json:"extras,omitempty"`
	// Without lists modifiers that normally come with the item to leave
	// off, such as the cheese on an HSP.
	Without []string `json:"without,omitempty"`
	// Salt is a salt word for items that take salt; empty means the menu's
	// default.
	Salt string `json:"salt,omitempty"`
	// Quantity is how many; 0 means 1. Build refuses anything outside
	// 1..MaxQuantity.
	Quantity int `json:"quantity,omitempty"`
	// Meal, when set, makes the line a meal.
	Meal *MealSpec `json:"meal,omitempty"`
}

// MealSpec names what a meal comes with.
type MealSpec struct {
	// Chips is a size of the menu's meal chips, or menu.NoChips; empty
	// means the cheapest meal the item has with chips, else without.
	Chips string `json:"chips,omitempty"`
	// Drink is a value of the meal drink's option (a can brand); empty
	// means the menu's default.
	Drink string `json:"drink,omitempty"`
	// Salt is the salt on the meal's chips; empty means the default.
	Salt string `json:"salt,omitempty"`
}
