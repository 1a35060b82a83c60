package speech

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kebabalab/kebabalab/internal/menu"
)

// display returns a menu name as it reads inside a sentence: without a
// bracketed note ("Soft drink can (375 ml)" → "soft drink can"), and in
// lower case unless it is an abbreviation such as "HSP".
func display(name string) string {
	if i := strings.Index(name, " ("); i > 0 {
		name = name[:i]
	}
	first, n := utf8.DecodeRuneInString(name)
	second, _ := utf8.DecodeRuneInString(name[n:])
	if unicode.IsUpper(first) && !unicode.IsUpper(second) {
		return string(unicode.ToLower(first)) + name[n:]
	}
	return name
}

// list joins names as a sentence does: "lamb, chicken, mix or falafel".
func list(names []string, conj string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + conj + " " + names[len(names)-1]
}

func joinWords(words []string) string {
	return strings.Join(words, " ")
}

// valueName returns the name of an option's value, by its id.
func valueName(o *menu.Option, id string) string {
	for _, v := range o.Values {
		if v.ID == id {
			return v.Name
		}
	}
	return id
}

// modifierName names a modifier or group for a refusal: the modifier's
// name, or the shortest word for the group ("salad").
func (p *Parser) modifierName(ro role) string {
	if ro.mod != nil {
		return ro.mod.Name
	}
	return p.groupNames[ro.group]
}
