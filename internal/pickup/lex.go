package pickup

import (
	"strconv"
	"strings"
	"time"
	"unicode"
)

// maxDigits bounds a written number, which keeps every value far from
// overflow; no time or span needs more digits.
const maxDigits = 6

type tokenKind int

const (
	tokWord    tokenKind = iota // a word of the grammar, spelled canonically
	tokNumber                   // a whole number: "20", "twenty"
	tokDecimal                  // "1.5" or "6.30"
	tokClock                    // "6:30"
)

// token is one meaningful word of a phrase.
type token struct {
	kind tokenKind
	word string // tokWord: canonical spelling from canonical
	// n is the number, the whole part of a decimal, the hour of a clock,
	// or the time.Weekday of the word "weekday".
	n       int
	frac    int  // fraction digits of a decimal, or minutes of a clock
	places  int  // how many fraction digits a decimal has
	spelled bool // a number said as a word, which may join the next one
}

// lex turns a phrase into tokens. Words outside the grammar ("um", "pick",
// "please", "today") are dropped, which is what makes filler harmless. It
// reports false for a malformed number such as "6:3" or "1.2.3".
func lex(phrase string) ([]token, bool) {
	var toks []token
	for _, piece := range pieces(phrase) {
		tok, ok := classify(piece)
		if !ok {
			return nil, false
		}
		if tok.kind != tokWord || tok.word != "" {
			toks = append(toks, tok)
		}
	}
	return joinTens(toks), true
}

// pieces splits a phrase into runs of letters and runs of digits, so "6pm"
// gives "6" and "pm". A ':' or '.' between two digits stays inside the run
// ("6:30", "1.5"). Anything else separates, so "o'clock" is "o" "clock".
func pieces(phrase string) []string {
	s := strings.NewReplacer("a.m", "am", "p.m", "pm").Replace(strings.ToLower(phrase))
	rs := []rune(s)
	var out []string
	var cur []rune
	inDigits := false
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for i, r := range rs {
		digit := isDigit(r)
		switch {
		case digit || unicode.IsLetter(r):
			if len(cur) > 0 && digit != inDigits {
				flush()
			}
			cur, inDigits = append(cur, r), digit
		case (r == ':' || r == '.') && inDigits && len(cur) > 0 &&
			i+1 < len(rs) && isDigit(rs[i+1]):
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return out
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// classify makes a token of one piece. An unknown word gives a word token
// with an empty word; a malformed number gives false.
func classify(piece string) (token, bool) {
	if !isDigit(rune(piece[0])) {
		return wordToken(piece), true
	}
	if whole, frac, ok := strings.Cut(piece, ":"); ok {
		h, okH := digits(whole, 2)
		m, okM := digits(frac, 2)
		return token{kind: tokClock, n: h, frac: m}, okH && okM && len(frac) == 2
	}
	if whole, frac, ok := strings.Cut(piece, "."); ok {
		n, okN := digits(whole, maxDigits)
		f, okF := digits(frac, 2)
		return token{kind: tokDecimal, n: n, frac: f, places: len(frac)}, okN && okF
	}
	n, ok := digits(piece, maxDigits)
	return token{kind: tokNumber, n: n}, ok
}

// digits parses a run of one to limit ASCII digits.
func digits(s string, limit int) (int, bool) {
	if s == "" || len(s) > limit {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func wordToken(w string) token {
	if n, ok := numberWord(w); ok {
		return token{kind: tokNumber, n: n, spelled: true}
	}
	if wd, ok := weekday(w); ok {
		return token{kind: tokWord, word: "weekday", n: int(wd)}
	}
	return token{kind: tokWord, word: canonical(w)}
}

// joinTens joins spelled tens and units: "twenty five" is 25.
func joinTens(toks []token) []token {
	out := make([]token, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.spelled && t.n >= 20 && t.n%10 == 0 && i+1 < len(toks) {
			if u := toks[i+1]; u.spelled && u.n >= 1 && u.n <= 9 {
				t.n += u.n
				i++
			}
		}
		out = append(out, t)
	}
	return out
}

func weekday(w string) (time.Weekday, bool) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if w == strings.ToLower(d.String()) {
			return d, true
		}
	}
	return 0, false
}
