package cart

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kebabalab/kebabalab/internal/menu"
)

// The helpers here turn menu names into the short phrases refusals and
// summaries speak; names keep the menu's own spelling.

func orList(words []string) string  { return joinList(words, "or") }
func andList(words []string) string { return joinList(words, "and") }

func joinList(words []string, last string) string {
	switch len(words) {
	case 0:
		return "nothing"
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + last + " " + words[len(words)-1]
}

// lower lowers the first letter of a name unless the name is an acronym
// such as "HSP" or a brand such as "Coke Zero" with a capital further in.
func lower(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	for _, later := range s[n:] {
		if unicode.IsUpper(later) {
			return s
		}
	}
	return string(unicode.ToLower(r)) + s[n:]
}

func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func sameWord(word, id, name string, aliases []string) bool {
	w := menu.Normalize(word)
	if w == menu.Normalize(id) || w == menu.Normalize(name) {
		return true
	}
	for _, a := range aliases {
		if w == menu.Normalize(a) {
			return true
		}
	}
	return false
}

func categoryNames(m *menu.Menu) []string {
	var out []string
	for _, c := range m.Categories() {
		out = append(out, lower(c.Name))
	}
	return out
}

func itemNames(items []*menu.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = lower(it.Name)
	}
	return out
}

func sizeNames(it *menu.Item) []string {
	out := make([]string, len(it.Sizes))
	for i, sp := range it.Sizes {
		out[i] = sp.Size.Name
	}
	return out
}

func choiceNames(o *menu.Option) []string {
	out := make([]string, len(o.Values))
	for i, v := range o.Values {
		out[i] = v.Name
	}
	return out
}

func modifierNames(mods []*menu.Modifier) []string {
	out := make([]string, len(mods))
	for i, mod := range mods {
		out[i] = mod.Name
	}
	return out
}

// offered names the modifiers of group g that can go on the line's item.
func (l *Line) offered(m *menu.Menu, g menu.Group) []string {
	var out []string
	for _, mod := range m.Modifiers(g) {
		if l.Item.Charge(mod).Availability != menu.NotOffered {
			out = append(out, mod.Name)
		}
	}
	return out
}

// describeItem names the line's item with its size and choices: "large
// lamb kebab", "Coke soft drink can (375 ml)".
func describeItem(l *Line) string {
	var parts []string
	if l.Size != nil {
		parts = append(parts, l.Size.Name)
	}
	for _, c := range l.Choices {
		parts = append(parts, c.Value.Name)
	}
	parts = append(parts, lower(l.Item.Name))
	return strings.Join(parts, " ")
}
