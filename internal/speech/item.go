package speech

import (
	"slices"

	"github.com/kebabalab/kebabalab/internal/cart"
	"github.com/kebabalab/kebabalab/internal/menu"
)

// reading is the state of one Parse.
type reading struct {
	p    *Parser
	toks []token
	segs []segment

	it      *menu.Item // the item of the line
	itemSeg int        // index of the first segment naming it
	meal    bool

	quantity     int
	quantitySaid bool
	size         *menu.Size
	choices      map[string]string
	guessed      map[string]bool // choices read from misheard words
	adds, drops  []change
	salt         saltChoice
	mealChips    string
	mealDrink    string
	mealSalt     saltChoice
	ignored      []string
}

// findItem settles which item the phrase is about. Words that name an item
// outright count first, then misheard words, then option values that
// belong to one item only ("coke" is a can). A meal phrase may also name
// the meal's chips and drink. Two items are a refusal: one line at a time.
func (r *reading) findItem() error {
	for _, s := range r.segs {
		r.meal = r.meal || s.e != nil && s.e.speech == menu.KindMeal
	}
	main, other := r.pick(false, false)
	if main == nil {
		main, other = r.pick(true, false)
	}
	if main == nil {
		main, other = r.pick(false, true)
	}
	if main == nil {
		main, other = r.pick(true, true)
	}
	if main == nil {
		return r.noItem()
	}
	if other != nil {
		return refuseTwoItems(main.Name, other.Name)
	}
	r.it = main
	r.itemSeg = len(r.segs)
	for i := range r.segs {
		s := &r.segs[i]
		if s.e == nil {
			continue
		}
		if c := s.e.cat; c != nil && c != main.Category && !r.companionCategory(c) {
			if !s.fuzzy {
				return refuseTwoItems(main.Name, c.Name)
			}
			s.dropped = true
		}
		it := s.e.item
		if it == nil {
			it = s.e.implies
		}
		switch {
		case it == nil:
		case it == main:
			r.itemSeg = min(r.itemSeg, i)
		case r.companion(it):
		case s.fuzzy:
			s.dropped = true // a guess naming another item was a wrong guess
		default:
			return refuseTwoItems(main.Name, it.Name)
		}
	}
	return nil
}

// pick returns the line's item among the items named by exact (or, with
// guessed, by corrected) words, outright (or, with implied, through an
// option value), and another item named beside it, if any.
func (r *reading) pick(guessed, implied bool) (main, other *menu.Item) {
	var named []*menu.Item
	for _, s := range r.segs {
		if s.e == nil || s.fuzzy != guessed {
			continue
		}
		it := s.e.item
		if implied && it == nil {
			it = s.e.implies
		}
		if it != nil && !slices.Contains(named, it) {
			named = append(named, it)
		}
	}
	if len(named) == 0 {
		return nil, nil
	}
	main = named[0]
	if r.meal {
		for _, it := range named {
			if !r.companion(it) {
				main = it
				break
			}
		}
	}
	for _, it := range named {
		if it != main && !(r.meal && r.companion(it)) {
			return main, it
		}
	}
	return main, nil
}

// companion reports whether it is the chips or the drink of a meal, which a
// meal phrase may name beside its item.
func (r *reading) companion(it *menu.Item) bool {
	return r.meal && (it == r.p.mealChips || it == r.p.drink.Item)
}

func (r *reading) companionCategory(c *menu.Category) bool {
	return r.meal && (c == r.p.mealChips.Category || c == r.p.drink.Item.Category)
}

// noItem explains a phrase with no item in it, as helpfully as the words
// allow: a misheard word with two readings, a category of several items,
// an option value of some items ("lamb"), words that go on an item ("no
// onion"), or nothing on the menu at all.
func (r *reading) noItem() error {
	for _, s := range r.segs {
		var named []string
		for _, w := range s.cands {
			if e := r.p.phrases[w]; e != nil && e.speech == 0 && !r.p.sameAsAny(w, named) {
				named = append(named, w)
			}
		}
		if len(named) > 1 {
			return refuseAmbiguous(named)
		}
	}
	for _, s := range r.segs {
		if s.e != nil && s.e.cat != nil {
			return refuseWhichOf(s.e.cat.Name, s.e.cat.Items)
		}
	}
	for _, s := range r.segs {
		if s.e == nil {
			continue
		}
		if items := r.p.itemsWithValue(s.e); len(items) > 0 {
			return refuseWhichItem(r.heard(s), items)
		}
	}
	onItem := false
	for _, s := range r.segs {
		if s.e == nil {
			r.ignore(s)
		} else {
			onItem = onItem || s.e.speech == 0 || s.e.speech == menu.KindEverything
		}
	}
	if onItem {
		return refuseWhichItemFor()
	}
	return refuseNoItem(r.ignored)
}

// itemsWithValue lists the items one of whose options the phrase names.
func (p *Parser) itemsWithValue(e *entry) []*menu.Item {
	var items []*menu.Item
	for _, mn := range e.means {
		if mn.Kind != menu.KindOption {
			continue
		}
		if it := p.item(mn.Item); it != nil && !slices.Contains(items, it) {
			items = append(items, it)
		}
	}
	return items
}

// result assembles the spec once the whole phrase is read.
func (r *reading) result() (Result, error) {
	it := r.it
	if err := r.checkMeal(); err != nil {
		return Result{}, err
	}
	if it.Sized() && r.size == nil {
		return Result{}, refuseSize(it)
	}
	for _, o := range it.Options {
		if _, ok := r.choices[o.ID]; !ok {
			return Result{}, refuseOption(it, o)
		}
	}
	spec := cart.Spec{Category: it.Category.ID, Item: it.ID, Quantity: r.quantity,
		Choices: r.choices}
	if spec.Quantity == 0 {
		spec.Quantity = 1
	}
	if r.size != nil {
		spec.Size = r.size.ID
	}
	if err := r.applyChanges(&spec); err != nil {
		return Result{}, err
	}
	if r.meal {
		spec.Meal = &cart.MealSpec{Chips: r.mealChips, Drink: r.mealDrink}
		salt, err := r.saltFor(r.mealSalt, r.p.mealChips)
		if err != nil {
			return Result{}, err
		}
		spec.Meal.Salt = salt
	}
	return Result{Spec: spec, Ignored: r.ignored}, nil
}

// checkMeal refuses a meal of an item no meal is made from, or with chips
// the meal price list does not have.
func (r *reading) checkMeal() error {
	if !r.meal {
		return nil
	}
	it := r.it
	if !slices.Contains(r.p.mealCats, it.Category) {
		return refuseNotMeal(it, r.p.mealCats)
	}
	if r.mealChips == "" || it.Sized() && r.size == nil {
		return nil
	}
	size := ""
	if r.size != nil {
		size = r.size.ID
	}
	if _, ok := r.p.m.Meal(it.Category.ID, size, r.mealChips); !ok {
		return refuseMealChips(it, r.mealChips, r.p.mealChips)
	}
	return nil
}
