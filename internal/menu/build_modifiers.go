package menu

import (
	"maps"
	"slices"
)

// includedPrice, in place of a price, means a modifier comes with the item.
const includedPrice = "included"

func (f *fileModifiers) group(g Group) *fileGroup {
	if f == nil {
		return nil
	}
	switch g {
	case Salads:
		return f.Salads
	case Sauces:
		return f.Sauces
	case Extras:
		return f.Extras
	default:
		return f.Salt
	}
}

// buildGroups reads the four modifier groups and their choices, without
// prices: those name categories, which are read later.
func (b *builder) buildGroups(f *fileModifiers) {
	if f == nil {
		b.p.add("modifiers", "missing")
	}
	groupWords := phrases{}
	for _, g := range groups() {
		path := field("modifiers", string(g))
		b.m.modifierByWord[g] = map[string]*Modifier{}
		b.modWords[g] = map[string][]word{}
		fg := f.group(g)
		if fg == nil {
			if f != nil {
				b.p.add(path, "missing")
			}
			continue
		}
		b.claimGroupWords(groupWords, path, g, fg)
		if len(fg.Choices) == 0 {
			b.p.add(field(path, "choices"), "must list at least one choice")
		}
		space, seen := phrases{}, ids{}
		for i, fc := range fg.Choices {
			b.buildModifier(space, seen, index(field(path, "choices"), i), g, fc)
		}
		b.checkDefault(field(path, "default"), g, fg.Default)
	}
}

// claimGroupWords records the words for a whole group ("salad", "sauces"),
// which callers use to leave a group out: "no salad".
func (b *builder) claimGroupWords(space phrases, path string, g Group, fg *fileGroup) {
	words := []word{{Normalize(string(g)), path}}
	if fg.Name == "" {
		b.p.add(field(path, "name"), "missing")
	} else {
		words = appendWord(b.p, words, field(path, "name"), fg.Name)
	}
	for i, a := range fg.Aliases {
		words = appendWord(b.p, words, index(field(path, "aliases"), i), a)
	}
	for _, w := range words {
		if space.claim(b.p, w, "modifier group "+string(g)) {
			b.m.groupByWord[w.phrase] = g
		}
	}
}

func (b *builder) buildModifier(space phrases, seen ids, path string, g Group, fc fileModifier) {
	words := label(b.p, path, fc.ID, fc.Name, fc.Aliases)
	mod := &Modifier{Group: g, ID: fc.ID, Name: fc.Name, Aliases: fc.Aliases,
		charges: map[string]Charge{}}
	// Every entry is kept, valid or not, so that buildModifierPrices can
	// pair modifiers with file entries by position.
	b.m.modifiers[g] = append(b.m.modifiers[g], mod)
	if !seen.unique(b.p, field(path, "id"), fc.ID) {
		return
	}
	b.modWords[g][fc.ID] = words
	for _, w := range words {
		if space.claim(b.p, w, fc.ID+" in "+string(g)) {
			b.m.modifierByWord[g][w.phrase] = mod
		}
	}
}

func (b *builder) checkDefault(path string, g Group, id string) {
	if g != Salt {
		if id != "" {
			b.p.add(path, "only salt has a default")
		}
		return
	}
	switch {
	case id == "":
		b.p.add(path, "missing: name the salt used when the caller does not say")
	case b.modWords[g][id] == nil:
		b.p.add(path, "%q is not one of the salt choices", id)
	default:
		i := slices.IndexFunc(b.m.modifiers[g], func(mod *Modifier) bool { return mod.ID == id })
		b.m.defaultSalt = b.m.modifiers[g][i]
	}
}

// buildModifierPrices prices every modifier for the categories that take
// its group: one price for all of them, or a price (or "included") per
// category, where a category left out does not offer it.
func (b *builder) buildModifierPrices(f *fileModifiers) {
	for _, g := range groups() {
		fg := f.group(g)
		if fg == nil {
			continue
		}
		for i, fc := range fg.Choices {
			path := index(field(field("modifiers", string(g)), "choices"), i)
			mod := b.m.modifiers[g][i]
			switch {
			case fc.Price != "" && fc.Prices != nil:
				b.p.add(path, "give either price or prices, not both")
			case fc.Prices != nil:
				b.perCategoryPrices(field(path, "prices"), mod, fc.Prices)
			default:
				b.flatPrice(field(path, "price"), mod, fc.Price)
			}
		}
	}
	b.fillStandard()
}

// fillStandard lists on each item the modifiers included with it.
func (b *builder) fillStandard() {
	for _, cat := range b.m.categories {
		for _, it := range cat.Items {
			for _, g := range it.Groups {
				for _, mod := range b.m.modifiers[g] {
					if mod.charges[cat.ID].Availability == Included {
						it.Standard = append(it.Standard, mod)
					}
				}
			}
		}
	}
}

func (b *builder) flatPrice(path string, mod *Modifier, s string) {
	c, ok := price(b.p, path, s, true)
	if !ok {
		return
	}
	for _, cat := range b.m.categories {
		if takesGroup(cat, mod.Group) {
			mod.charges[cat.ID] = Charge{Availability: Offered, Price: c}
		}
	}
}

func (b *builder) perCategoryPrices(path string, mod *Modifier, prices map[string]string) {
	if len(prices) == 0 {
		b.p.add(path, "must name at least one category")
	}
	for _, id := range slices.Sorted(maps.Keys(prices)) {
		cpath := field(path, id)
		cat, ok := b.categories[id]
		switch {
		case !ok:
			b.p.add(cpath, "unknown category")
		case !takesGroup(cat, mod.Group):
			b.p.add(cpath, "category %s does not take %s; add it to the category's modifiers",
				id, mod.Group)
		case prices[id] == includedPrice:
			mod.charges[id] = Charge{Availability: Included}
		default:
			if c, ok := price(b.p, cpath, prices[id], true); ok {
				mod.charges[id] = Charge{Availability: Offered, Price: c}
			}
		}
	}
}

// takesGroup reports whether any item of cat takes modifiers of group g.
func takesGroup(cat *Category, g Group) bool {
	for _, it := range cat.Items {
		if slices.Contains(it.Groups, g) {
			return true
		}
	}
	return false
}
