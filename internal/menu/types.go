package menu

import (
	"time"

	"github.com/kebabalab/kebabalab/internal/money"
)

// Menu is a loaded and validated menu.json: the shop and everything it sells.
// It never changes after loading and is safe for concurrent use. The values
// its methods return point into it and must be treated as read-only.
type Menu struct {
	shop        Shop
	categories  []*Category
	sizes       []*Size
	modifiers   map[Group][]*Modifier
	meals       []*Meal
	mealDrink   MealDrink
	mealChips   *Item
	defaultSalt *Modifier
	terms       []Term

	categoryByWord map[string]*Category
	itemByWord     map[string]*Item
	modifierByWord map[Group]map[string]*Modifier
	groupByWord    map[string]Group
	mealByKey      map[mealKey]*Meal
}

// Shop is who sells the menu, where, and when.
type Shop struct {
	Name    string
	Address string
	// Phone is the shop's number in E.164 form, such as "+61395345588".
	Phone string
	// Location is the shop's time zone; opening hours are read in it.
	Location *time.Location
	// GSTPercent is the GST rate included in every price, in percent.
	GSTPercent int64
	// Prep is the rule behind ReadyMinutes.
	Prep PrepRule

	week [7]dayHours // indexed by time.Weekday
}

// PrepRule estimates how long an order takes: Base minutes plus PerLine
// minutes per cart line, but never more than Max; then, for the kitchen's
// queue, PerQueued minutes per order not yet ready, at most QueueMax.
type PrepRule struct {
	Base, PerLine, Max  int
	PerQueued, QueueMax int
}

// dayHours is one weekday's trading, in minutes after shop-local midnight.
// A close at or before the open falls on the next day.
type dayHours struct {
	closed      bool
	open, close int
}

// Category is a section of the menu, such as kebabs or drinks. Its ID is
// one of the names tool calls use ("kebabs", "meat_containers").
type Category struct {
	ID      string
	Name    string
	Aliases []string
	Items   []*Item

	itemByWord map[string]*Item
}

// Item is something that can go on a cart line: a kebab, a can, a napkin.
type Item struct {
	ID       string
	Name     string
	Aliases  []string
	Category *Category
	// Price is the price of an item sold in one size; zero when Sizes is set.
	Price money.Cents
	// Sizes lists the sizes the item comes in with their prices, in the order
	// of the menu's size list; empty for an item sold in one size.
	Sizes []SizePrice
	// Options are the choices a caller must make, such as a kebab's protein.
	Options []*Option
	// Groups are the modifier groups the item takes, such as salads.
	Groups []Group
	// Standard lists the modifiers that come with the item unless the caller
	// leaves them out, such as the cheese on an HSP.
	Standard []*Modifier

	sizeByWord map[string]*Size
}

// SizePrice is one size an item comes in and what it costs in that size.
type SizePrice struct {
	Size  *Size
	Price money.Cents
}

// Size is one entry of the menu's shared size list, such as "large" or "250g".
type Size struct {
	ID      string
	Name    string
	Aliases []string
}

// Option is a choice an item needs before it can be made, named by the
// tool argument that carries it: "protein", "variant", "brand", "flavour",
// "sauce".
type Option struct {
	ID     string
	Values []*Choice

	valueByWord map[string]*Choice
}

// Choice is one value of an option, such as lamb or coke.
type Choice struct {
	ID      string
	Name    string
	Aliases []string
}

// Group is a family of modifiers: what goes on or with an item.
type Group string

// The modifier groups. Salads, sauces and extras combine freely; salt is a
// single choice with a default.
const (
	Salads Group = "salads"
	Sauces Group = "sauces"
	Extras Group = "extras"
	Salt   Group = "salt"
)

// Modifier is one salad, sauce, extra or salt.
type Modifier struct {
	Group   Group
	ID      string
	Name    string
	Aliases []string

	charges map[string]Charge // by category id; absent means not offered
}

// Availability says whether a modifier can go on an item.
type Availability int

// The answers Item.Charge gives.
const (
	// NotOffered means the modifier does not go on the item: asking for it is
	// an error, never a free addition.
	NotOffered Availability = iota
	// Offered means it can be added for Charge.Price, which is zero for a
	// free salad or sauce.
	Offered
	// Included means it comes with the item at no charge (cheese on an HSP).
	Included
)

// Charge is what putting a modifier on an item costs.
type Charge struct {
	Availability Availability
	Price        money.Cents
}

// NoChips is the chips size of a meal that comes without chips.
const NoChips = "none"

// Meal is a priced combination: an item of a category in a size, chips of
// a size (or NoChips) and always a drink. A converted item is charged Price
// in place of its own price.
type Meal struct {
	ID   string
	Name string
	// Category, Size and Chips identify the meal; Size is "" for items sold
	// in one size, Chips is a size id of the meal chips item or NoChips.
	Category string
	Size     string
	Chips    string
	Price    money.Cents
}

type mealKey struct{ category, size, chips string }

// MealDrink is the drink every meal includes: an item with one option (the
// can and its brand) and the choice used when the caller names none.
type MealDrink struct {
	Item    *Item
	Option  *Option
	Default *Choice
}
