package menu

// buildSizes reads the shared size list. Whether a size word is ambiguous
// depends on the sizes an item offers, so words are checked per item.
func (b *builder) buildSizes(list []fileWord) {
	seen := ids{}
	for i, f := range list {
		path := index("sizes", i)
		words := label(b.p, path, f.ID, f.Name, f.Aliases)
		s := &Size{ID: f.ID, Name: f.Name, Aliases: f.Aliases}
		if seen.unique(b.p, field(path, "id"), f.ID) {
			b.sizes[f.ID] = s
			b.sizeWords[f.ID] = words
			b.m.sizes = append(b.m.sizes, s)
		}
	}
}

// buildChoices reads the shared list of option values. As with sizes,
// their words are checked per item.
func (b *builder) buildChoices(list []fileWord) {
	seen := ids{}
	for i, f := range list {
		path := index("choices", i)
		words := label(b.p, path, f.ID, f.Name, f.Aliases)
		if seen.unique(b.p, field(path, "id"), f.ID) {
			b.choices[f.ID] = &Choice{ID: f.ID, Name: f.Name, Aliases: f.Aliases}
			b.choiceWords[f.ID] = words
		}
	}
}
