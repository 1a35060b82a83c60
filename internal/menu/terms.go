package menu

import (
	"maps"
	"slices"
)

// Kind says what a Term's phrase means.
type Kind int

// The kinds of Term. The first group comes from the menu, the second from
// its speech section.
const (
	KindCategory Kind = iota + 1 // a category: Category, ID
	KindItem                     // an item: Category, Item, ID (= Item)
	KindSize                     // a size: ID; check it with Item.Size, as sizes vary by item
	KindOption                   // an option value: Category, Item, Option, ID (the value)
	KindModifier                 // a salad, sauce, extra or salt: Group, ID
	KindGroup                    // a whole modifier group, as in "no salad": Group

	KindNumber     // a quantity word: Number
	KindFiller     // a word or phrase that carries no meaning: "could i get", "please"
	KindExclusion  // starts a leave-out: "no", "without", "hold the"
	KindEverything // all free salads: "with the lot"
	KindMeal       // asks for a meal: "meal", "combo"
)

// String returns the kind's name, such as "item".
func (k Kind) String() string {
	switch k {
	case KindCategory:
		return "category"
	case KindItem:
		return "item"
	case KindSize:
		return "size"
	case KindOption:
		return "option"
	case KindModifier:
		return "modifier"
	case KindGroup:
		return "group"
	case KindNumber:
		return "number"
	case KindFiller:
		return "filler"
	case KindExclusion:
		return "exclusion"
	case KindEverything:
		return "everything"
	case KindMeal:
		return "meal"
	}
	return "unknown"
}

// Term is one phrase a caller may say and what it means. Phrase is already
// normalised (see Normalize). The same phrase may appear in several terms
// when its meaning depends on the item: "lamb" is the protein of a kebab
// and the variant of a gözleme, "small" is size small for a kebab and size
// 250g for a meat container, and "tomato" is both a salad and a sauce. The
// menu guarantees that no phrase means two things within one item, one
// modifier group or the speech section, and that no speech phrase is also
// a menu phrase.
type Term struct {
	Phrase string
	Kind   Kind
	// Category and Item are ids, set for KindCategory (Category only),
	// KindItem and KindOption.
	Category string
	Item     string
	// Option is the option id of a KindOption value, such as "protein".
	Option string
	// Group is set for KindModifier and KindGroup.
	Group Group
	// ID names what the phrase means: a category, item, size, option value
	// or modifier id.
	ID string
	// Number is the quantity of a KindNumber phrase.
	Number int
}

// meaning describes what a menu term names, for problem messages.
func (t Term) meaning() string {
	switch t.Kind {
	case KindOption:
		return t.Option + " " + t.ID + " of item " + t.Item
	case KindModifier:
		return t.ID + " in " + string(t.Group)
	case KindGroup:
		return "modifier group " + string(t.Group)
	}
	return t.Kind.String() + " " + t.ID
}

// Terms returns every phrase the menu knows with its meaning, menu phrases
// first in file order, then the speech section's. A speech parser builds its
// own index from it; no word list needs to live in Go code.
func (m *Menu) Terms() []Term {
	return slices.Clone(m.terms)
}

// menuTerms lists the phrases of every category, item, size, option value,
// modifier and modifier group, once per meaning.
func menuTerms(m *Menu) []Term {
	var list termList
	for _, c := range m.categories {
		list.add(Term{Kind: KindCategory, Category: c.ID, ID: c.ID}, c.ID, c.Name, c.Aliases)
		for _, it := range c.Items {
			list.add(Term{Kind: KindItem, Category: c.ID, Item: it.ID, ID: it.ID},
				it.ID, it.Name, it.Aliases)
			for _, o := range it.Options {
				for _, v := range o.Values {
					t := Term{Kind: KindOption, Category: c.ID, Item: it.ID, Option: o.ID, ID: v.ID}
					list.add(t, v.ID, v.Name, v.Aliases)
				}
			}
		}
	}
	for _, s := range m.sizes {
		list.add(Term{Kind: KindSize, ID: s.ID}, s.ID, s.Name, s.Aliases)
	}
	for _, g := range groups() {
		for _, mod := range m.modifiers[g] {
			list.add(Term{Kind: KindModifier, Group: g, ID: mod.ID}, mod.ID, mod.Name, mod.Aliases)
		}
	}
	for _, phrase := range slices.Sorted(maps.Keys(m.groupByWord)) {
		list.addPhrase(Term{Kind: KindGroup, Group: m.groupByWord[phrase]}, phrase)
	}
	return list.terms
}

// termList collects terms without repeating a phrase for the same meaning.
type termList struct {
	terms []Term
	seen  map[Term]bool
}

func (l *termList) add(t Term, id, name string, aliases []string) {
	for _, s := range append([]string{id, name}, aliases...) {
		l.addPhrase(t, Normalize(s))
	}
}

func (l *termList) addPhrase(t Term, phrase string) {
	if phrase == "" {
		return
	}
	t.Phrase = phrase
	if l.seen == nil {
		l.seen = map[Term]bool{}
	}
	if !l.seen[t] {
		l.seen[t] = true
		l.terms = append(l.terms, t)
	}
}
