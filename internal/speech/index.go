package speech

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/kebabalab/kebabalab/internal/menu"
)

// Parser reads phrases against one menu. It is built once per loaded menu
// and is safe for concurrent use: Parse only reads it.
type Parser struct {
	m        *menu.Menu
	phrases  map[string]*entry
	maxWords int // the most words in one phrase

	// speechWords are the words of the speech section's phrases. Said on
	// their own ("could", "hold") they are dropped quietly: they are not
	// things the caller asked for.
	speechWords map[string]bool
	// menuWords are the words of the menu's phrases; fuzzy lists them by
	// first letter as targets for misheard words.
	menuWords map[string]bool
	fuzzy     map[byte][]*target
	byInitial map[byte][]string // every word, menu or speech

	salads    []*menu.Modifier // in menu order, for "with the lot"
	mealCats  []*menu.Category // categories that can be meals, in menu order
	mealChips *menu.Item
	drink     menu.MealDrink
	noSalt    *menu.Modifier // the salt meaning "none", if the menu says so
	// inclusions are the fillers that put something on ("with"): said after
	// an exclusion ("no cheese with haloumi") they end it.
	inclusions map[string]bool
	groupNames map[menu.Group]string
}

// entry is everything one phrase means.
type entry struct {
	phrase string
	speech menu.Kind // a speech-section kind; zero for a menu phrase
	number int       // for menu.KindNumber
	means  []meaning // menu meanings; modifiers by their own name come first

	// item is the item the phrase names outright: an item word, or the word
	// of a category with one item. cat is a category of several items named
	// without an item. implies is the one item every meaning is an option
	// of: "coke" means a can.
	item    *menu.Item
	cat     *menu.Category
	implies *menu.Item
}

// meaning is one menu meaning of a phrase.
type meaning struct {
	menu.Term
	mod *menu.Modifier // for menu.KindModifier
	own bool           // the phrase is the modifier's name, not an alias
}

// target is a menu word a misheard word may be corrected to.
type target struct {
	word  string
	means []string // keys of what the word means on its own, sorted
	uses  int      // how many phrases use the word
}

// New indexes the menu's phrases for Parse.
func New(m *menu.Menu) *Parser {
	p := &Parser{
		m: m, phrases: map[string]*entry{}, speechWords: map[string]bool{},
		menuWords: map[string]bool{}, fuzzy: map[byte][]*target{},
		byInitial:  map[byte][]string{},
		groupNames: map[menu.Group]string{},
		mealChips:  m.MealChips(), drink: m.MealDrink(), salads: m.Modifiers(menu.Salads),
	}
	for _, t := range m.Terms() {
		p.add(t)
	}
	for _, e := range p.phrases {
		p.finish(e)
	}
	p.indexTargets()
	p.findMealCategories()
	p.findNoSalt()
	p.findInclusions()
	return p
}

func (p *Parser) add(t menu.Term) {
	e := p.phrases[t.Phrase]
	if e == nil {
		e = &entry{phrase: t.Phrase}
		p.phrases[t.Phrase] = e
	}
	words := strings.Fields(t.Phrase)
	p.maxWords = max(p.maxWords, len(words))
	if t.Kind >= menu.KindNumber {
		e.speech, e.number = t.Kind, t.Number
		for _, w := range words {
			p.speechWords[w] = true
		}
		return
	}
	for _, w := range words {
		p.menuWords[w] = true
	}
	mn := meaning{Term: t}
	switch t.Kind {
	case menu.KindModifier:
		mn.mod, _ = p.m.Modifier(t.Group, t.ID)
		mn.own = mn.mod != nil && menu.Normalize(mn.mod.Name) == t.Phrase
	case menu.KindGroup:
		if name, ok := p.groupNames[t.Group]; !ok || shorter(t.Phrase, name) {
			p.groupNames[t.Group] = t.Phrase
		}
	}
	e.means = append(e.means, mn)
}

func shorter(a, b string) bool {
	return len(a) < len(b) || len(a) == len(b) && a < b
}

// finish orders an entry's meanings and works out which item it names.
// "tomato" is the salad's name but only an alias of the tomato sauce, so on
// an item that takes both it is read as the salad.
func (p *Parser) finish(e *entry) {
	slices.SortStableFunc(e.means, func(a, b meaning) int {
		if a.own != b.own && a.Kind == menu.KindModifier && b.Kind == menu.KindModifier {
			if a.own {
				return -1
			}
			return 1
		}
		return 0
	})
	onlyOptions := len(e.means) > 0
	for _, mn := range e.means {
		switch mn.Kind {
		case menu.KindItem:
			e.item = p.item(mn.Item)
		case menu.KindCategory:
			if c, ok := p.m.Category(mn.Category); ok && e.item == nil {
				if len(c.Items) == 1 {
					e.item = c.Items[0]
				} else {
					e.cat = c
				}
			}
		}
		if mn.Kind != menu.KindOption || mn.Item != e.means[0].Item {
			onlyOptions = false
		}
	}
	if e.item != nil {
		e.cat = nil
	}
	if onlyOptions {
		e.implies = p.item(e.means[0].Item)
	}
}

func (p *Parser) item(id string) *menu.Item {
	it, _ := p.m.Item(id)
	return it
}

// indexTargets lists every menu word of three or more letters as a target
// for correcting misheard words, with what it means when said alone, and
// the words asking for a meal or the lot ("meals" is "meal"). Words of
// fillers, numbers and exclusions are left out: a near miss of "the" is
// more likely "they", and of "three" more likely "tree".
func (p *Parser) indexTargets() {
	byWord := map[string]*target{}
	plain := map[string]bool{} // words of fillers, numbers and exclusions
	for phrase, e := range p.phrases {
		if e.speech == menu.KindFiller || e.speech == menu.KindNumber ||
			e.speech == menu.KindExclusion {
			for _, w := range strings.Fields(phrase) {
				plain[w] = true
			}
		}
	}
	for phrase, e := range p.phrases {
		for _, w := range strings.Fields(phrase) {
			if len(w) < 3 || !letters(w) || plain[w] || e.speech != 0 && p.menuWords[w] {
				continue
			}
			t := byWord[w]
			if t == nil {
				t = &target{word: w, means: p.meaningKeys(w)}
				byWord[w] = t
				p.fuzzy[w[0]] = append(p.fuzzy[w[0]], t)
			}
			t.uses++
		}
	}
	for _, words := range []map[string]bool{p.menuWords, p.speechWords} {
		for w := range words {
			if letters(w) && !slices.Contains(p.byInitial[w[0]], w) {
				p.byInitial[w[0]] = append(p.byInitial[w[0]], w)
			}
		}
	}
	for _, list := range p.fuzzy {
		slices.SortFunc(list, func(a, b *target) int { return cmp.Compare(a.word, b.word) })
	}
}

// meaningKeys names what a word means alone, so that two words with the
// same meanings ("lamb", "lamp") count as one when correcting. A word that
// is only part of longer phrases means itself.
func (p *Parser) meaningKeys(w string) []string {
	e := p.phrases[w]
	if e == nil || e.speech != 0 {
		return []string{"~" + w}
	}
	keys := make([]string, 0, len(e.means))
	for _, mn := range e.means {
		keys = append(keys, strings.Join([]string{strconv.Itoa(int(mn.Kind)), mn.Category,
			mn.Item, mn.Option, string(mn.Group), mn.ID}, "|"))
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

func (p *Parser) findMealCategories() {
	for _, meal := range p.m.Meals() {
		c, ok := p.m.Category(meal.Category)
		if ok && !slices.Contains(p.mealCats, c) {
			p.mealCats = append(p.mealCats, c)
		}
	}
}

// findNoSalt finds the salt a caller means by leaving salt out: the one the
// menu calls an exclusion word followed by a salt word ("no salt").
func (p *Parser) findNoSalt() {
	for phrase, e := range p.phrases {
		head, tail, ok := strings.Cut(phrase, " ")
		if !ok || p.phrases[head] == nil || p.phrases[head].speech != menu.KindExclusion {
			continue
		}
		tailEntry := p.phrases[tail]
		if tailEntry == nil || !hasGroupWord(tailEntry, menu.Salt) {
			continue
		}
		for _, mn := range e.means {
			if mn.Kind == menu.KindModifier && mn.Group == menu.Salt {
				p.noSalt = mn.mod
			}
		}
	}
}

// findInclusions finds the fillers that ask for something: those that make
// one way of asking for the lot out of another ("with" + "the lot" is
// "with the lot"). The menu names no such words outright, but its phrases
// for the lot show them.
func (p *Parser) findInclusions() {
	p.inclusions = map[string]bool{}
	for phrase, e := range p.phrases {
		if e.speech != menu.KindEverything {
			continue
		}
		head, tail, ok := strings.Cut(phrase, " ")
		if !ok || p.phrases[head] == nil || p.phrases[head].speech != menu.KindFiller {
			continue
		}
		if t := p.phrases[tail]; t != nil && t.speech == menu.KindEverything {
			p.inclusions[head] = true
		}
	}
}

func hasGroupWord(e *entry, g menu.Group) bool {
	for _, mn := range e.means {
		if mn.Kind == menu.KindGroup && mn.Group == g {
			return true
		}
	}
	return false
}

func letters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

func digits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}
