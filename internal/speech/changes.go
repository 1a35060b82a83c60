package speech

import (
	"slices"

	"github.com/kebabalab/kebabalab/internal/cart"
	"github.com/kebabalab/kebabalab/internal/menu"
)

// applyChanges puts the inclusions on the spec, then takes the exclusions
// off: what comes with the item anyway (the cheese on an HSP) is not added
// again, and leaving it out goes to Without.
func (r *reading) applyChanges(spec *cart.Spec) error {
	it := r.it
	for _, c := range r.adds {
		if c.everything {
			for _, mod := range r.p.salads {
				if ch := it.Charge(mod); ch.Availability == menu.Offered && ch.Price == 0 {
					addID(listOf(spec, menu.Salads), mod.ID)
				}
			}
			continue
		}
		if c.mod == nil || it.Charge(c.mod).Availability == menu.Included {
			continue
		}
		addID(listOf(spec, c.group), c.mod.ID)
	}
	for _, c := range r.drops {
		list := listOf(spec, c.group)
		for _, mod := range it.Standard {
			if mod.Group == c.group && (c.mod == nil || c.mod == mod) {
				addID(&spec.Without, mod.ID)
			}
		}
		if list == nil {
			continue
		}
		if c.mod == nil {
			*list = nil
			continue
		}
		*list = slices.DeleteFunc(*list, func(id string) bool { return id == c.mod.ID })
		if len(*list) == 0 {
			*list = nil
		}
	}
	if it.Accepts(menu.Salt) {
		salt, err := r.saltFor(r.salt, it)
		if err != nil {
			return err
		}
		spec.Salt = salt
	}
	return nil
}

// listOf returns the spec's list for a group that takes several modifiers,
// or nil for salt.
func listOf(spec *cart.Spec, g menu.Group) *[]string {
	switch g {
	case menu.Salads:
		return &spec.Salads
	case menu.Sauces:
		return &spec.Sauces
	case menu.Extras:
		return &spec.Extras
	}
	return nil
}

func addID(list *[]string, id string) {
	if list == nil || slices.Contains(*list, id) {
		return
	}
	if *list == nil {
		*list = make([]string, 0, 4)
	}
	*list = append(*list, id)
}

// saltFor settles the salt of it from what the phrase said: empty means
// the menu's default. Leaving out all salt is the menu's "no salt"; leaving
// out the default without naming another is a question.
func (r *reading) saltFor(sc saltChoice, it *menu.Item) (string, error) {
	p := r.p
	if sc.other != nil {
		return "", refuseConflict(it, sc.chosen.Name, sc.other.Name)
	}
	chosen := sc.chosen
	if slices.Contains(sc.out, chosen) {
		chosen = nil
	}
	switch {
	case chosen != nil:
		return chosen.ID, nil
	case sc.outAll && p.noSalt != nil:
		return p.noSalt.ID, nil
	case sc.outAll || slices.Contains(sc.out, p.m.DefaultSalt()):
		var left []*menu.Modifier
		for _, mod := range p.m.Modifiers(menu.Salt) {
			if !slices.Contains(sc.out, mod) {
				left = append(left, mod)
			}
		}
		if len(left) == 1 && !sc.outAll {
			return left[0].ID, nil // every other salt was left out
		}
		names := make([]string, 0, len(left))
		for _, mod := range left {
			names = append(names, mod.Name)
		}
		return "", refuseSalt(it, names)
	}
	return "", nil
}
