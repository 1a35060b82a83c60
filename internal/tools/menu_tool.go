package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kebabalab/kebabalab/internal/menu"
)

func menuTool(d Deps) Tool {
	return Tool{
		Name: "getMenu",
		Description: "Read the menu. Without a category it lists the categories and their " +
			"items; with one it gives that category's items with prices, sizes, choices and " +
			"what can go on them. Use it to answer questions about the menu and prices.",
		Parameters: Object(map[string]any{
			"category": enum("Category to list; leave out for the overview.",
				categoryIDs(d.Menu)),
		}),
		Handle: d.getMenu,
	}
}

type menuOverview struct {
	OK         bool           `json:"ok"`
	Categories []categoryView `json:"categories"`
	Message    string         `json:"message"`
}

type categoryView struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Items []string `json:"items"`
}

type categoryListing struct {
	OK       bool       `json:"ok"`
	Category string     `json:"category"`
	Items    []itemView `json:"items"`
	Message  string     `json:"message"`
}

type itemView struct {
	ID        string         `json:"id"`
	Name      string         `json:"name"`
	Price     float64        `json:"price,omitempty"`
	Sizes     []sizeView     `json:"sizes,omitempty"`
	Choices   []choiceView   `json:"choices,omitempty"`
	Modifiers []modifierView `json:"modifiers,omitempty"`
}

type sizeView struct {
	Size  string  `json:"size"`
	Price float64 `json:"price"`
}

type choiceView struct {
	Choose  string   `json:"choose"`
	Options []string `json:"options"`
}

type modifierView struct {
	Group    string  `json:"group"`
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	Price    float64 `json:"price"`
	Included bool    `json:"included,omitempty"`
}

func (d Deps) getMenu(_ context.Context, _ *Call, args json.RawMessage) (any, error) {
	var a struct {
		Category string `json:"category"`
	}
	if err := decodeArgs(args, &a); err != nil {
		return nil, err
	}
	if strings.TrimSpace(a.Category) == "" {
		return d.menuOverview(), nil
	}
	listing, ok := d.Menu.Listing(a.Category)
	if !ok {
		return nil, Refuse("We don't have a %q section. The menu has %s.", a.Category,
			andList(categoryNames(d.Menu)))
	}
	c, _ := d.Menu.Category(a.Category)
	r := categoryListing{OK: true, Category: c.ID}
	var names []string
	for _, l := range listing {
		r.Items = append(r.Items, itemListing(l))
		names = append(names, fmt.Sprintf("%s %s", lowerFirst(l.Name), priceWords(l)))
	}
	r.Message = c.Name + ": " + joinWith(names, "; ") + "."
	return r, nil
}

func (d Deps) menuOverview() menuOverview {
	r := menuOverview{OK: true}
	for _, s := range d.Menu.Summary() {
		r.Categories = append(r.Categories, categoryView{ID: s.ID, Name: s.Name, Items: s.Items})
	}
	r.Message = "We have " + andList(categoryNames(d.Menu)) + "."
	return r
}

func itemListing(l menu.ItemListing) itemView {
	v := itemView{ID: l.ID, Name: l.Name}
	if len(l.Sizes) == 0 {
		v.Price = l.Price.Dollars()
	}
	for _, s := range l.Sizes {
		v.Sizes = append(v.Sizes, sizeView{Size: s.Name, Price: s.Price.Dollars()})
	}
	for _, o := range l.Options {
		v.Choices = append(v.Choices, choiceView{Choose: o.ID, Options: o.Values})
	}
	for _, mod := range l.Modifiers {
		v.Modifiers = append(v.Modifiers, modifierView{Group: string(mod.Group), ID: mod.ID,
			Name: mod.Name, Price: mod.Price.Dollars(), Included: mod.Included})
	}
	return v
}

// priceWords says an item's price: "$15", or "small $10, large $15".
func priceWords(l menu.ItemListing) string {
	if len(l.Sizes) == 0 {
		return l.Price.Spoken()
	}
	parts := make([]string, len(l.Sizes))
	for i, s := range l.Sizes {
		parts[i] = s.Name + " " + s.Price.Spoken()
	}
	return joinWith(parts, ", ")
}

func categoryNames(m *menu.Menu) []string {
	var out []string
	for _, c := range m.Categories() {
		out = append(out, lowerFirst(c.Name))
	}
	return out
}
