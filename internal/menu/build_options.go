package menu

import "slices"

// buildOptions reads the choices an item needs. All values of all options
// of one item share a lookup space: a caller's word must pick one value.
func (b *builder) buildOptions(path string, it *Item, list []fileOption) {
	space, seen := phrases{}, ids{}
	for i, f := range list {
		opath := index(path, i)
		if checkID(b.p, field(opath, "id"), f.ID) {
			seen.unique(b.p, field(opath, "id"), f.ID)
		}
		o := &Option{ID: f.ID, valueByWord: map[string]*Choice{}}
		switch {
		case f.Values != nil && f.ValuesFrom != "":
			b.p.add(opath, "give either values or values_from, not both")
		case f.ValuesFrom != "":
			b.valuesFromGroup(field(opath, "values_from"), it, space, o, f.ValuesFrom)
		case len(f.Values) == 0:
			b.p.add(field(opath, "values"), "missing: list the ids of its choices")
		default:
			b.valuesFromChoices(field(opath, "values"), it, space, o, f.Values)
		}
		it.Options = append(it.Options, o)
	}
}

func (b *builder) valuesFromChoices(path string, it *Item, space phrases, o *Option,
	values []string) {
	listed := ids{}
	for i, id := range values {
		vpath := index(path, i)
		c := b.choices[id]
		if c == nil {
			b.p.add(vpath, "unknown choice %q (add it to the choices list)", id)
			continue
		}
		if listed.unique(b.p, vpath, id) {
			b.addValue(it, space, o, c, b.choiceWords[id])
		}
	}
}

// valuesFromGroup offers a modifier group's choices as an option's values,
// as a sauce tub offers every sauce. Their prices do not apply.
func (b *builder) valuesFromGroup(path string, it *Item, space phrases, o *Option,
	name string) {
	g := Group(name)
	if !slices.Contains(groups(), g) {
		b.p.add(path, "unknown modifier group %q (use salads, sauces, extras or salt)", name)
		return
	}
	for _, mod := range b.m.modifiers[g] {
		if words := b.modWords[g][mod.ID]; words != nil {
			c := &Choice{ID: mod.ID, Name: mod.Name, Aliases: mod.Aliases}
			b.addValue(it, space, o, c, words)
		}
	}
}

func (b *builder) addValue(it *Item, space phrases, o *Option, c *Choice, words []word) {
	o.Values = append(o.Values, c)
	for _, w := range words {
		// Values come from shared lists: report a clash once, where the word is.
		if space.claim(b.p, w, o.ID+" "+c.ID+" of item "+it.ID) {
			o.valueByWord[w.phrase] = c
		}
	}
}
