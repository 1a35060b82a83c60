package speech

import (
	"strings"

	"github.com/kebabalab/kebabalab/internal/menu"
)

// token is one word of the phrase.
type token struct {
	text   string // the word as heard, normalised
	word   string // the word read: text, or the menu word it was corrected to
	clause int    // phrases never span a comma or a full stop
	fuzzy  bool   // word is a correction of text
	cands  []string
}

// tokens splits the phrase into clauses at punctuation that ends one, and
// the clauses into normalised words, correcting misheard ones. It reports
// false for a phrase of too many words.
func (p *Parser) tokens(phrase string) ([]token, bool) {
	toks := make([]token, 0, 16)
	clause := 0
	for phrase != "" {
		var part string
		part, phrase = nextClause(phrase)
		rest := menu.Normalize(part)
		for rest != "" {
			var w string
			w, rest, _ = strings.Cut(rest, " ")
			if len(toks) == maxTokens {
				return nil, false
			}
			toks = append(toks, p.read(w, clause))
		}
		clause++
	}
	return toks, true
}

// nextClause cuts s after the first comma, semicolon, question or
// exclamation mark, line break, or full stop ending a sentence; "b.b.q" and
// "coca-cola" stay whole.
func nextClause(s string) (clause, rest string) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', ';', '!', '?', '\n', '\r':
			return s[:i], s[i+1:]
		case '.':
			if i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t' {
				return s[:i], s[i+1:]
			}
		}
	}
	return s, ""
}

// read returns the token for word w, corrected to the nearest menu word
// when it is not a word the menu or its speech section knows.
func (p *Parser) read(w string, clause int) token {
	t := token{text: w, word: w, clause: clause}
	if p.menuWords[w] || p.speechWords[w] || !letters(w) {
		return t
	}
	best, cands := p.nearest(w)
	switch {
	case best != "":
		t.word, t.fuzzy = best, true
	case len(cands) > 0:
		t.word, t.fuzzy, t.cands = "", true, cands
	}
	return t
}

// nearest finds the menu words nearest to w within the distance its length
// allows. One word, or several that mean the same or less than one of
// them ("tomatos" means less than "tomato"), give best; words of different
// meanings give cands. Only words sharing w's first letter are tried:
// speech-to-text keeps the first sound, and the rule keeps ordinary words
// ("potato", "each") from turning into menu words ("tomato", "peach").
func (p *Parser) nearest(w string) (best string, cands []string) {
	limit := allowedDistance(len(w))
	if limit == 0 {
		return "", nil
	}
	var found []*target
	for _, t := range p.fuzzy[w[0]] {
		d := distance(w, t.word, limit)
		switch {
		case d > limit:
		case d < limit:
			limit, found = d, append(found[:0], t)
		default:
			found = append(found, t)
		}
	}
	if len(found) == 0 {
		return "", nil
	}
	if t := widest(found); t != nil {
		return t.word, nil
	}
	for _, t := range found {
		cands = append(cands, t.word)
	}
	return "", cands
}

// nearKnown reports whether w is within reach of any word the menu or its
// speech section uses, as "pieces" is of "piece".
func (p *Parser) nearKnown(w string) bool {
	limit := allowedDistance(len(w))
	if limit == 0 {
		return false
	}
	for _, k := range p.byInitial[w[0]] {
		if distance(w, k, limit) <= limit {
			return true
		}
	}
	return false
}

// allowedDistance is how many edits a misheard word of n letters may be
// from a menu word: none for short words, where one edit makes another
// word; one up to seven letters ("chiken", "falafle"); two beyond.
func allowedDistance(n int) int {
	switch {
	case n < 4:
		return 0
	case n < 8:
		return 1
	}
	return 2
}

// widest returns the target whose meanings include every other's, picking
// the word used by most phrases ("lamb" over "lamp") so that longer phrases
// still match; nil if the targets mean different things.
func widest(found []*target) *target {
	var best *target
	for _, t := range found {
		if !coversAll(t, found) {
			continue
		}
		if best == nil || t.uses > best.uses {
			best = t
		}
	}
	return best
}

func coversAll(t *target, found []*target) bool {
	for _, o := range found {
		for _, k := range o.means {
			if !contains(t.means, k) {
				return false
			}
		}
	}
	return true
}

func contains(sorted []string, k string) bool {
	for _, s := range sorted {
		if s == k {
			return true
		}
	}
	return false
}

// distance is the optimal-string-alignment distance between a and b (edits
// of one letter, or a swap of two neighbours), or limit+1 once it is sure
// to exceed limit. Both words are lower-case ASCII of modest length.
func distance(a, b string, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	if len(a) > 32 || len(b) > 32 {
		return limit + 1
	}
	var rows [3][33]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit+1)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
