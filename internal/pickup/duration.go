package pickup

import "time"

// maxUnits caps a spoken quantity so that multiplying it by an hour cannot
// overflow; 10,000 of any unit is far beyond any trading window anyway.
const maxUnits = 10000

const fullDay = 24 * time.Hour

// duration reads a span from now: "20 minutes", "an hour and a half",
// "1 hour 15", "half an hour", "1.5 hours", and "in 20", which is minutes as
// people say it (read as a clock, it would be 8 PM). A span of days gives a
// wish for another day.
func (p *parser) duration() (wish, bool) {
	start := p.i
	in := p.word("in")
	afterIn := p.i
	q, unit, ok := p.amount()
	if !ok && in {
		p.i = afterIn
		q, unit, ok = p.bareMinutes()
	}
	if !ok {
		p.i = start
		return wish{}, false
	}
	if unit >= fullDay {
		return wish{otherDay: true}, true
	}
	d := time.Duration(q) * unit / 100
	if unit == time.Hour {
		d += p.extraMinutes()
	}
	return wish{kind: kindAfter, after: d}, true
}

// amount reads a quantity, in hundredths, and its unit.
func (p *parser) amount() (int, time.Duration, bool) {
	q, fraction, ok := p.quantity()
	if !ok {
		return 0, 0, false
	}
	if fraction {
		p.word("a") // "half an hour", "a quarter of an hour"
	}
	unit, ok := p.unit()
	if !ok {
		return 0, 0, false
	}
	if p.andAHalf() { // "an hour and a half"
		q += 50
	}
	return q, unit, true
}

// quantity reads how many of a unit, in hundredths: "20", "an", "1.5",
// "half", "a quarter", "three quarters", "one and a half". fraction is set
// when an "a" may follow ("half an hour").
func (p *parser) quantity() (q int, fraction, ok bool) {
	article := p.word("a")
	switch {
	case p.word("half"):
		return 50, true, true
	case p.word("quarter"):
		return 25, true, true
	case article:
		return 100, false, true
	}
	t, _ := p.next()
	switch t.kind {
	case tokNumber:
		q = min(t.n, maxUnits) * 100
		if p.word("quarters") {
			return q / 4, true, true
		}
	case tokDecimal:
		hundredths := t.frac
		if t.places == 1 {
			hundredths *= 10 // "1.5" is 1.50
		}
		q = min(t.n, maxUnits)*100 + hundredths
	default:
		return 0, false, false
	}
	if p.andAHalf() {
		q += 50
	}
	return q, false, true
}

// bareMinutes reads the number of "in 20".
func (p *parser) bareMinutes() (int, time.Duration, bool) {
	n, ok := p.number()
	if !ok || p.word("past") || p.word("to") {
		return 0, 0, false
	}
	return min(n, maxUnits) * 100, time.Minute, true
}

func (p *parser) unit() (time.Duration, bool) {
	switch {
	case p.word("minute"):
		return time.Minute, true
	case p.word("hour"):
		return time.Hour, true
	case p.word("second"):
		return time.Second, true
	case p.word("day"):
		return fullDay, true
	}
	return 0, false
}

// atUnit reports whether the next token is a unit, without consuming it.
func (p *parser) atUnit() bool {
	start := p.i
	_, ok := p.unit()
	p.i = start
	return ok
}

func (p *parser) andAHalf() bool {
	start := p.i
	if p.word("and") {
		p.word("a")
		if p.word("half") {
			return true
		}
	}
	p.i = start
	return false
}

// extraMinutes reads minutes after a number of hours: "and 5 minutes", or
// "15" alone. Alone it must be 10 or more, so that "an hour or two" (where
// "or" is dropped) is not an hour and two minutes.
func (p *parser) extraMinutes() time.Duration {
	start := p.i
	p.word("and")
	if n, ok := p.number(); ok && n < 60 {
		unit, named := p.unit()
		if named && unit == time.Minute || !named && n >= 10 {
			return time.Duration(n) * time.Minute
		}
	}
	p.i = start
	return 0
}
