package menu

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the form in which the menu compares words: lower case,
// accents removed (gözleme → gozleme, şalgam → salgam, döner → doner),
// apostrophes dropped (i'd → id), every other run of characters that are
// not letters or digits turned into one space ("coca-cola" → "coca cola",
// "sweet_chilli" → "sweet chilli"), and no space at either end. Callers
// normalise what they hear with it before looking anything up.
func Normalize(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r): // an accent split off by NFD
		case r == '\'' || r == '’':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if gap && b.Len() > 0 {
				b.WriteByte(' ')
			}
			gap = false
			b.WriteString(foldLetter(r))
		default:
			gap = true
		}
	}
	return b.String()
}

// foldLetter spells the few Latin letters that carry no separable accent
// with plain letters, as a caller's speech-to-text would.
func foldLetter(r rune) string {
	switch r {
	case 'ı':
		return "i"
	case 'ø':
		return "o"
	case 'ł':
		return "l"
	case 'đ':
		return "d"
	case 'ß':
		return "ss"
	case 'æ':
		return "ae"
	case 'œ':
		return "oe"
	}
	return string(r)
}
