package menu

import (
	"maps"
	"slices"
	"strconv"
)

// Bounds of a quantity word; a cart line holds 1 to 99 of an item.
const (
	minQuantity = 1
	maxQuantity = 99
)

// buildSpeech reads the speech section into terms. Its phrases share one
// lookup space, and none may also be a menu phrase: the parser could not
// tell whether "can" is filler or a drink.
func (b *builder) buildSpeech(f *fileSpeech) []Term {
	const path = "speech"
	if f == nil {
		b.p.add(path, "missing")
		return nil
	}
	menuPhrases := map[string]Term{}
	for _, t := range b.m.terms {
		if _, ok := menuPhrases[t.Phrase]; !ok {
			menuPhrases[t.Phrase] = t
		}
	}
	s := speechBuilder{b: b, menu: menuPhrases, space: phrases{}}
	npath := field(path, "numbers")
	for _, raw := range slices.Sorted(maps.Keys(f.Numbers)) {
		n := f.Numbers[raw]
		if n < minQuantity || n > maxQuantity {
			b.p.add(field(npath, raw), "%d is out of range %d to %d", n, minQuantity, maxQuantity)
			continue
		}
		s.add(field(npath, raw), raw, Term{Kind: KindNumber, Number: n})
	}
	s.list(field(path, "fillers"), f.Fillers, KindFiller)
	s.list(field(path, "exclusions"), f.Exclusions, KindExclusion)
	s.list(field(path, "everything"), f.Everything, KindEverything)
	s.list(field(path, "meal"), f.Meal, KindMeal)
	required := []struct {
		key string
		n   int
	}{
		{"numbers", len(f.Numbers)}, {"fillers", len(f.Fillers)},
		{"exclusions", len(f.Exclusions)}, {"everything", len(f.Everything)},
	}
	for _, r := range required {
		if r.n == 0 {
			b.p.add(field(path, r.key), "missing: the order parser needs these words")
		}
	}
	return s.terms.terms
}

type speechBuilder struct {
	b     *builder
	menu  map[string]Term
	space phrases
	terms termList
}

func (s *speechBuilder) list(path string, raws []string, kind Kind) {
	for i, raw := range raws {
		s.add(index(path, i), raw, Term{Kind: kind})
	}
}

func (s *speechBuilder) add(path, raw string, t Term) {
	phrase := Normalize(raw)
	if phrase == "" {
		s.b.p.add(path, "needs at least one letter or digit")
		return
	}
	if m, ok := s.menu[phrase]; ok {
		s.b.p.add(path, "%q is also a menu word (%s)", phrase, m.meaning())
		return
	}
	key := t.Kind.String()
	if t.Kind == KindNumber {
		key = "the number " + strconv.Itoa(t.Number)
	}
	if s.space.claim(s.b.p, word{phrase, path}, key) {
		s.terms.addPhrase(t, phrase)
	}
}
