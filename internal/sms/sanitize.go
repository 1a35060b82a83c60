package sms

import (
	"strings"
	"unicode"
)

// Sanitize makes text from a caller (a name, notes) fit for a text message:
// control characters become spaces, whitespace is collapsed and trimmed,
// letters with accents are folded to plain letters (é → e) so a name reads
// the same on every handset, typographic punctuation becomes its plain form
// (’ → '), anything else outside GSM-7 (emoji, other scripts) is dropped,
// and links are neutralised so a text never carries a clickable address
// from a caller ("http://evil.com/x" → "evil[.]com/x").
//
// The result is plain GSM-7, and Sanitize(Sanitize(s)) == Sanitize(s).
func Sanitize(s string) string {
	return neutraliseLinks(collapse(toGSM(s)))
}

// collapse turns every run of whitespace into one space and trims the ends.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// toGSM maps each character to GSM-7 text, or to nothing.
func toGSM(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < unicode.MaxASCII && r != '`':
			if unicode.IsControl(r) {
				r = ' '
			}
			b.WriteRune(r)
		case unicode.IsControl(r) || unicode.IsSpace(r):
			b.WriteByte(' ')
		default:
			b.WriteString(foldRune(r))
		}
	}
	return b.String()
}

// foldGroups lists replacements for characters that GSM-7 lacks or that
// are folded on purpose: each rune of from becomes to.
var foldGroups = [...]struct{ to, from string }{
	{"A", "ÀÁÂÃÄÅĀĂĄ"}, {"a", "àáâãäåāăą"}, {"AE", "Æ"}, {"ae", "æ"},
	{"C", "ÇĆĈĊČ"}, {"c", "çćĉċč"}, {"D", "ĎĐÐ"}, {"d", "ďđð"},
	{"E", "ÈÉÊËĒĔĖĘĚ"}, {"e", "èéêëēĕėęě"}, {"G", "ĜĞĠĢ"}, {"g", "ĝğġģ"},
	{"H", "ĤĦ"}, {"h", "ĥħ"}, {"I", "ÌÍÎÏĨĪĬĮİ"}, {"i", "ìíîïĩīĭįı"},
	{"J", "Ĵ"}, {"j", "ĵ"}, {"K", "Ķ"}, {"k", "ķ"}, {"L", "ĹĻĽĿŁ"}, {"l", "ĺļľŀł"},
	{"N", "ÑŃŅŇ"}, {"n", "ñńņň"}, {"O", "ÒÓÔÕÖØŌŎŐ"}, {"o", "òóôõöøōŏő"},
	{"OE", "Œ"}, {"oe", "œ"}, {"R", "ŔŖŘ"}, {"r", "ŕŗř"},
	{"S", "ŚŜŞŠȘ"}, {"s", "śŝşšș"}, {"ss", "ß"}, {"T", "ŢŤŦȚ"}, {"t", "ţťŧț"},
	{"Th", "Þ"}, {"th", "þ"}, {"U", "ÙÚÛÜŨŪŬŮŰŲ"}, {"u", "ùúûüũūŭůűų"},
	{"W", "Ŵ"}, {"w", "ŵ"}, {"Y", "ÝŶŸ"}, {"y", "ýÿŷ"}, {"Z", "ŹŻŽ"}, {"z", "źżž"},
	{"'", "`‘’‚‛′´"}, {`"`, "“”„‟″«»"}, {"-", "‐‑‒–—―−•·"}, {"...", "…"},
}

// foldRune returns r's replacement, r itself when GSM-7 carries it, or ""
// (combining accents, emoji, zero-width and other characters GSM-7 lacks).
func foldRune(r rune) string {
	for _, g := range foldGroups {
		if strings.ContainsRune(g.from, r) {
			return g.to
		}
	}
	if septets(r) > 0 {
		return string(r)
	}
	return ""
}

// neutraliseLinks defangs every space-separated word that a phone would
// turn into a link.
func neutraliseLinks(s string) string {
	words := strings.Split(s, " ")
	kept := words[:0]
	for _, w := range words {
		if looksLikeLink(w) {
			w = defang(w)
		}
		if w != "" {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// looksLikeLink reports a scheme, a www. prefix or a host-like dot: one
// after two or more letters or digits and before a letter ("evil.com", not
// "J.R." or "12.50").
func looksLikeLink(w string) bool {
	if strings.Contains(w, "://") || hasPrefixFold(w, "www.") {
		return true
	}
	run := 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c == '.' && run >= 2 && i+1 < len(w) && isLetter(w[i+1]):
			return true
		case isAlnum(c):
			run++
		default:
			run = 0
		}
	}
	return false
}

// defang removes every "scheme://" and brackets each dot that precedes a
// letter or digit, so no dot is left that could join a host name.
func defang(w string) string {
	for {
		i := strings.Index(w, "://")
		if i < 0 {
			break
		}
		start := i
		for start > 0 && isSchemeChar(w[start-1]) {
			start--
		}
		w = w[:start] + w[i+3:]
	}
	var b strings.Builder
	for i := 0; i < len(w); i++ {
		if w[i] == '.' && i+1 < len(w) && isAlnum(w[i+1]) {
			b.WriteString("[.]")
			continue
		}
		b.WriteByte(w[i])
	}
	return b.String()
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isAlnum(c byte) bool { return isLetter(c) || c >= '0' && c <= '9' }

func isSchemeChar(c byte) bool { return isAlnum(c) || c == '+' || c == '-' || c == '.' }
