package tools

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func joinLines(lines []string) string { return strings.Join(lines, "\n") }

func joinWith(words []string, sep string) string { return strings.Join(words, sep) }

// lowerFirst lowers a sentence's first letter for use mid-sentence, unless
// the first word is an acronym such as "HSP".
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
