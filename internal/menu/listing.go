package menu

import "github.com/kebabalab/kebabalab/internal/money"

// The listing types are plain values for the getMenu tool, which formats
// them; they carry names and prices only, no pointers into the menu.

// CategorySummary is one line of the category list.
type CategorySummary struct {
	ID    string
	Name  string
	Items []string // item names in menu order
}

// ItemListing describes one item of a category.
type ItemListing struct {
	ID   string
	Name string
	// Price is set for an item sold in one size, Sizes for the others.
	Price     money.Cents
	Sizes     []SizeListing
	Options   []OptionListing
	Modifiers []ModifierListing
}

// SizeListing is one size of an item and its price.
type SizeListing struct {
	ID    string
	Name  string
	Price money.Cents
}

// OptionListing is a choice the caller must make and its values' names.
type OptionListing struct {
	ID     string
	Values []string
}

// ModifierListing is a modifier that can go on an item: free, at a price,
// or included with it.
type ModifierListing struct {
	Group    Group
	ID       string
	Name     string
	Price    money.Cents
	Included bool
}

// Summary lists the categories with the names of their items.
func (m *Menu) Summary() []CategorySummary {
	list := make([]CategorySummary, 0, len(m.categories))
	for _, c := range m.categories {
		s := CategorySummary{ID: c.ID, Name: c.Name}
		for _, it := range c.Items {
			s.Items = append(s.Items, it.Name)
		}
		list = append(list, s)
	}
	return list
}

// Listing lists the items of the category named by word with their prices,
// sizes, options and the modifiers each takes.
func (m *Menu) Listing(word string) ([]ItemListing, bool) {
	c, ok := m.Category(word)
	if !ok {
		return nil, false
	}
	list := make([]ItemListing, 0, len(c.Items))
	for _, it := range c.Items {
		list = append(list, m.listItem(it))
	}
	return list, true
}

func (m *Menu) listItem(it *Item) ItemListing {
	l := ItemListing{ID: it.ID, Name: it.Name, Price: it.Price}
	for _, sp := range it.Sizes {
		l.Sizes = append(l.Sizes, SizeListing{ID: sp.Size.ID, Name: sp.Size.Name, Price: sp.Price})
	}
	for _, o := range it.Options {
		ol := OptionListing{ID: o.ID}
		for _, v := range o.Values {
			ol.Values = append(ol.Values, v.Name)
		}
		l.Options = append(l.Options, ol)
	}
	for _, g := range it.Groups {
		for _, mod := range m.modifiers[g] {
			switch c := it.Charge(mod); c.Availability {
			case Offered, Included:
				l.Modifiers = append(l.Modifiers, ModifierListing{Group: g, ID: mod.ID,
					Name: mod.Name, Price: c.Price, Included: c.Availability == Included})
			}
		}
	}
	return l
}
