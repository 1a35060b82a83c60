package speech

import "strconv"

// segment is a run of tokens read as one phrase, or one token that matched
// no phrase.
type segment struct {
	first, last int    // tokens [first, last)
	e           *entry // nil: no phrase matched
	fuzzy       bool   // a misheard word was corrected to read it
	cands       []string
	number      int  // for a run of digits
	isNumber    bool // a run of digits, or number words read as one
	dropped     bool // a guess that made no sense on the item
}

// segment matches the tokens against the menu's phrases. Of all the ways
// to cut the phrase, it takes the one leaving the fewest words unmatched,
// then the one with the fewest pieces, so that "sweet chilli" beats "sweet"
// and "chilli", "could i get" is filler rather than a can, and "garlic
// sauce tub" is garlic and a sauce tub. Among equals, the longer item
// phrase wins ("mixed meat container" is mix and a meat container), then
// the longer first piece. Phrases stay within a clause, and a word with
// several equally near readings stands alone until the item is known.
func (p *Parser) segment(toks []token) []segment {
	n := len(toks)
	var best [maxTokens + 1]cut // best[i]: how to read toks[i:]
	var buf [256]byte
	var at [8]segment
	for i := n - 1; i >= 0; i-- {
		best[i] = cut{unknown: 1 << 30}
		for _, s := range p.phrasesAt(toks, i, buf[:0], at[:0]) {
			c := best[s.last].plus(s)
			c.seg = s
			if c.better(best[i]) {
				best[i] = c
			}
		}
	}
	segs := make([]segment, 0, n)
	for i := 0; i < n; i = best[i].seg.last {
		s := best[i].seg
		if s.e == nil && s.cands == nil && digits(toks[i].text) {
			v, err := strconv.Atoi(toks[i].text)
			if err != nil {
				v = -1 // too many digits: out of range either way
			}
			s.number, s.isNumber = v, true
		}
		segs = append(segs, s)
	}
	return joinNumbers(segs)
}

// cut is the cost of reading the tokens from some position to the end.
type cut struct {
	unknown, pieces, itemWords int
	seg                        segment // the first piece
}

func (c cut) plus(s segment) cut {
	c.pieces++
	if s.e == nil {
		c.unknown++
	} else if s.e.item != nil || s.e.cat != nil {
		c.itemWords += s.last - s.first
	}
	return c
}

func (c cut) better(d cut) bool {
	if c.unknown != d.unknown {
		return c.unknown < d.unknown
	}
	if c.pieces != d.pieces {
		return c.pieces < d.pieces
	}
	if c.itemWords != d.itemWords {
		return c.itemWords > d.itemWords
	}
	return c.seg.last > d.seg.last
}

// phrasesAt lists the ways to read a piece starting at token i: every
// phrase that starts there, or the token alone.
func (p *Parser) phrasesAt(toks []token, i int, buf []byte, out []segment) []segment {
	if toks[i].cands != nil {
		return append(out, segment{first: i, last: i + 1, fuzzy: true, cands: toks[i].cands})
	}
	run := 0
	for j := i; j < len(toks) && run < p.maxWords; j++ {
		if toks[j].cands != nil || toks[j].clause != toks[i].clause {
			break
		}
		run++
	}
	for n := run; n > 0; n-- {
		buf = buf[:0]
		fuzzy := false
		for j := i; j < i+n; j++ {
			if j > i {
				buf = append(buf, ' ')
			}
			buf = append(buf, toks[j].word...)
			fuzzy = fuzzy || toks[j].fuzzy
		}
		if e := p.phrases[string(buf)]; e != nil {
			out = append(out, segment{first: i, last: i + n, e: e, fuzzy: fuzzy})
		}
	}
	if len(out) == 0 {
		out = append(out, segment{first: i, last: i + 1})
	}
	return out
}

// joinNumbers reads number words in a row as one number when they add up
// the way spoken numbers do: "twenty two" is 22.
func joinNumbers(segs []segment) []segment {
	for i := range segs {
		if n, ok := segs[i].quantity(); ok {
			segs[i].number, segs[i].isNumber = n, true
		}
	}
	out := segs[:0]
	for _, s := range segs {
		if k := len(out) - 1; k >= 0 && s.isNumber && out[k].isNumber &&
			out[k].number >= 20 && out[k].number%10 == 0 && s.number >= 1 && s.number <= 9 {
			out[k].number += s.number
			out[k].last = s.last
			continue
		}
		out = append(out, s)
	}
	return out
}

// quantity reports the number a segment says, if it says one.
func (s segment) quantity() (int, bool) {
	if s.isNumber {
		return s.number, true
	}
	if s.e != nil && s.e.number > 0 {
		return s.e.number, true
	}
	return 0, false
}
