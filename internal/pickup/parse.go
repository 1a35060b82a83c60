package pickup

import "time"

// maxPhrase bounds the phrase parsed, in bytes: a spoken time is a few words,
// and the bound keeps the work per call small whatever the assistant sends.
const maxPhrase = 200

type kind int

const (
	kindNone  kind = iota // no time, or more than one
	kindASAP              // as soon as the kitchen can
	kindAfter             // a span from now: "in 20 minutes"
	kindAt                // a time of day: "6:30 pm"
)

// wish is what a phrase asks for, before it meets the shop's hours.
type wish struct {
	kind     kind
	after    time.Duration  // kindAfter
	at       wall           // kindAt
	otherDay bool           // "tomorrow", "in 2 days"
	days     []time.Weekday // weekdays named; fine when they are today
}

// parse reads a phrase. Unknown words are ignored, but the phrase must hold
// exactly one time, or else only a word such as "asap"; anything else, or a
// number no rule can use ("at 45"), gives kindNone.
func parse(phrase string) wish {
	if len(phrase) > maxPhrase {
		return wish{}
	}
	toks, ok := lex(phrase)
	if !ok {
		return wish{}
	}
	p := &parser{toks: toks}
	if !p.scan() {
		return wish{}
	}
	return p.result()
}

// parser reads tokens left to right. Each rule either consumes what it
// matches or leaves the position where it was.
type parser struct {
	toks []token
	i    int

	found    []wish // the time expressions read
	asap     bool
	hint     string // "morning" or "evening": settles am or pm
	otherDay bool
	days     []time.Weekday
}

// scan reads the whole phrase, reporting false for a stray number.
func (p *parser) scan() bool {
	for p.i < len(p.toks) {
		if w, ok := p.expression(); ok {
			if w.otherDay {
				p.otherDay = true
			} else {
				p.found = append(p.found, w)
			}
			continue
		}
		t := p.toks[p.i]
		p.i++
		if t.kind != tokWord {
			return false
		}
		switch t.word {
		case "asap":
			p.asap = true
		case "morning", "evening":
			p.hint = t.word
		case "otherday", "day": // "next week"
			p.otherDay = true
		case "weekday":
			p.days = append(p.days, time.Weekday(t.n))
		}
	}
	return true
}

// result settles the wish. A time wins over "asap", so that "20 minutes from
// now" is a span and not a request for the estimate.
func (p *parser) result() wish {
	w := wish{otherDay: p.otherDay, days: p.days}
	switch {
	case len(p.found) == 1:
		w.kind, w.after, w.at = p.found[0].kind, p.found[0].after, p.found[0].at
	case len(p.found) == 0 && p.asap:
		w.kind = kindASAP
	}
	if w.kind == kindAt && w.at.either {
		w.at = w.at.hinted(p.hint)
	}
	return w
}

// expression reads one time expression. The order matters: "20 past 6" must
// not stop at "20", and "1 hour" must not read as 1 o'clock.
func (p *parser) expression() (wish, bool) {
	if w, ok := p.relativeTime(); ok {
		return wish{kind: kindAt, at: w}, true
	}
	if w, ok := p.duration(); ok {
		return w, true
	}
	if w, ok := p.timeOfDay(); ok {
		return wish{kind: kindAt, at: w}, true
	}
	return wish{}, false
}

// word consumes the next token if it is the word w.
func (p *parser) word(w string) bool {
	if p.i < len(p.toks) && p.toks[p.i].kind == tokWord && p.toks[p.i].word == w {
		p.i++
		return true
	}
	return false
}

// number consumes the next token if it is a whole number.
func (p *parser) number() (int, bool) {
	if p.i < len(p.toks) && p.toks[p.i].kind == tokNumber {
		p.i++
		return p.toks[p.i-1].n, true
	}
	return 0, false
}

// next consumes the next token, whatever it is.
func (p *parser) next() (token, bool) {
	if p.i < len(p.toks) {
		p.i++
		return p.toks[p.i-1], true
	}
	return token{}, false
}
