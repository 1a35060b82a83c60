package menu

import (
	"slices"

	"github.com/kebabalab/kebabalab/internal/money"
)

// builder turns the decoded file into a Menu, recording every problem on
// the way rather than stopping at the first.
type builder struct {
	p *problems
	m *Menu

	sizes       map[string]*Size
	sizeWords   map[string][]word
	choices     map[string]*Choice
	choiceWords map[string][]word
	modWords    map[Group]map[string][]word
	categories  map[string]*Category
	items       map[string]*Item
	// faulty marks categories already reported, so that meals referring
	// to them do not repeat the problem.
	faulty map[*Category]bool
}

func build(p *problems, f *fileMenu) *Menu {
	b := &builder{
		p: p,
		m: &Menu{
			modifiers:      map[Group][]*Modifier{},
			categoryByWord: map[string]*Category{},
			itemByWord:     map[string]*Item{},
			modifierByWord: map[Group]map[string]*Modifier{},
			groupByWord:    map[string]Group{},
			mealByKey:      map[mealKey]*Meal{},
		},
		sizes:       map[string]*Size{},
		sizeWords:   map[string][]word{},
		choices:     map[string]*Choice{},
		choiceWords: map[string][]word{},
		modWords:    map[Group]map[string][]word{},
		categories:  map[string]*Category{},
		items:       map[string]*Item{},
		faulty:      map[*Category]bool{},
	}
	b.m.shop = buildShop(p, f.Shop)
	b.buildSizes(f.Sizes)
	b.buildChoices(f.Choices)
	b.buildGroups(f.Modifiers)
	b.buildCategories(f.Categories)
	b.buildModifierPrices(f.Modifiers)
	b.buildMealParts(f)
	b.buildMeals(f.Meals)
	b.m.terms = menuTerms(b.m)
	b.m.terms = append(b.m.terms, b.buildSpeech(f.Speech)...)
	return b.m
}

// price reads a price string. Things sold must cost something; modifiers
// may be free, so they pass allowZero.
func price(p *problems, path, s string, allowZero bool) (money.Cents, bool) {
	if s == "" {
		p.add(path, "missing")
		return 0, false
	}
	c, err := money.Parse(s)
	switch {
	case err != nil:
		p.add(path, "%v", err)
	case c == 0 && !allowZero:
		p.add(path, "must be more than 0.00")
	default:
		return c, true
	}
	return 0, false
}

// groups returns the modifier groups in the order the file lists them.
func groups() []Group {
	return []Group{Salads, Sauces, Extras, Salt}
}

// groupList reads a list of modifier group names.
func groupList(p *problems, path string, names []string) []Group {
	var list []Group
	for i, name := range names {
		g := Group(name)
		switch {
		case !slices.Contains(groups(), g):
			p.add(index(path, i), "unknown modifier group %q (use salads, sauces, extras or salt)",
				name)
		case slices.Contains(list, g):
			p.add(index(path, i), "%q is listed twice", name)
		default:
			list = append(list, g)
		}
	}
	return list
}
