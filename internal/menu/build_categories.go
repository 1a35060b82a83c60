package menu

import (
	"maps"
	"slices"
	"strings"
)

// buildCategories reads the categories and their items. Item words share
// one space across the whole menu, so that a caller naming an item needs
// no category.
func (b *builder) buildCategories(list []fileCategory) {
	if len(list) == 0 {
		b.p.add("categories", "must list at least one category")
	}
	catWords, itemWords := phrases{}, phrases{}
	catIDs, itemIDs := ids{}, ids{}
	for i, f := range list {
		path := index("categories", i)
		before := len(b.p.list)
		words := label(b.p, path, f.ID, f.Name, f.Aliases)
		c := &Category{ID: f.ID, Name: f.Name, Aliases: f.Aliases, itemByWord: map[string]*Item{}}
		if catIDs.unique(b.p, field(path, "id"), f.ID) {
			b.categories[f.ID] = c
		}
		for _, w := range words {
			if catWords.claim(b.p, w, "category "+f.ID) {
				b.m.categoryByWord[w.phrase] = c
			}
		}
		groups := groupList(b.p, field(path, "modifiers"), f.Modifiers)
		if len(f.Items) == 0 {
			b.p.add(field(path, "items"), "must list at least one item")
		}
		for j, fi := range f.Items {
			ipath := index(field(path, "items"), j)
			words := label(b.p, ipath, fi.ID, fi.Name, fi.Aliases)
			it := b.buildItem(ipath, c, groups, fi)
			if itemIDs.unique(b.p, field(ipath, "id"), fi.ID) {
				b.items[fi.ID] = it
			}
			b.claimItemWords(itemWords, it, words)
			c.Items = append(c.Items, it)
		}
		b.m.categories = append(b.m.categories, c)
		if len(b.p.list) > before {
			b.faulty[c] = true
		}
	}
}

func (b *builder) claimItemWords(space phrases, it *Item, words []word) {
	for _, w := range words {
		if space.claim(b.p, w, "item "+it.ID) {
			b.m.itemByWord[w.phrase] = it
			it.Category.itemByWord[w.phrase] = it
		}
	}
}

func (b *builder) buildItem(path string, c *Category, groups []Group, f fileItem) *Item {
	it := &Item{ID: f.ID, Name: f.Name, Aliases: f.Aliases, Category: c, Groups: groups,
		sizeByWord: map[string]*Size{}}
	if f.Modifiers != nil {
		it.Groups = groupList(b.p, field(path, "modifiers"), *f.Modifiers)
	}
	switch {
	case f.Price != "" && f.Sizes != nil:
		b.p.add(path, "give either price or sizes, not both")
		b.buildItemSizes(field(path, "sizes"), it, f.Sizes)
	case f.Sizes != nil:
		b.buildItemSizes(field(path, "sizes"), it, f.Sizes)
	case f.Price == "":
		b.p.add(field(path, "price"), "missing (or give sizes with a price for each)")
	default:
		it.Price, _ = price(b.p, field(path, "price"), f.Price, false)
	}
	b.buildOptions(field(path, "options"), it, f.Options)
	return it
}

// buildItemSizes reads an item's sizes in the order of the shared size list
// and checks that no word names two of them.
func (b *builder) buildItemSizes(path string, it *Item, prices map[string]string) {
	if len(prices) == 0 {
		b.p.add(path, "must give at least one size")
	}
	for _, id := range slices.Sorted(maps.Keys(prices)) {
		if b.sizes[id] == nil {
			b.p.add(field(path, id), "unknown size (the sizes list has: %s)", b.sizeIDs())
		}
	}
	space := phrases{}
	for _, s := range b.m.sizes {
		if _, ok := prices[s.ID]; !ok {
			continue
		}
		// A size whose price is wrong is still offered, so that meals naming
		// it are not reported as well.
		c, _ := price(b.p, field(path, s.ID), prices[s.ID], false)
		it.Sizes = append(it.Sizes, SizePrice{Size: s, Price: c})
		for _, w := range b.sizeWords[s.ID] {
			// The size list is shared: report a clash once, where the word is.
			if space.claim(b.p, w, "size "+s.ID+" of item "+it.ID) {
				it.sizeByWord[w.phrase] = s
			}
		}
	}
}

func (b *builder) sizeIDs() string {
	list := make([]string, len(b.m.sizes))
	for i, s := range b.m.sizes {
		list[i] = s.ID
	}
	return strings.Join(list, ", ")
}
