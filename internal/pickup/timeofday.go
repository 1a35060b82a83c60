package pickup

// wall is a reading of the shop clock. When either is set the caller did not
// say am or pm: hour is 0–11, and hour+12 is just as likely.
type wall struct {
	hour, minute int
	either       bool
}

// relativeTime reads a time said against an hour: "quarter past six",
// "20 to 7", "half past 6", and "half six" (half past, as Australians say).
func (p *parser) relativeTime() (wall, bool) {
	start := p.i
	w, ok := p.readRelativeTime()
	if !ok {
		p.i = start
	}
	return w, ok
}

func (p *parser) readRelativeTime() (wall, bool) {
	p.word("a")
	var m int
	half := p.word("half")
	switch {
	case half:
		m = 30
	case p.word("quarter"):
		m = 15
	default:
		n, ok := p.number()
		if !ok || n < 1 || n > 59 {
			return wall{}, false
		}
		m = n
		p.word("minute")
	}
	switch {
	case p.word("past"):
	case p.word("to"):
		m = -m
	case !half:
		return wall{}, false
	}
	w, ok := p.hour()
	return w.plus(m), ok
}

// hour reads the hour of a relative time: "six", "7pm", "noon".
func (p *parser) hour() (wall, bool) {
	switch {
	case p.word("noon"):
		return wall{hour: 12}, true
	case p.word("midnight"):
		return wall{}, true
	}
	h, ok := p.number()
	if !ok {
		return wall{}, false
	}
	return p.finish(h, 0)
}

// timeOfDay reads a clock time: "6pm", "6:30 pm", "6.30pm", "18:30", "1830",
// "six thirty", "six oh five", "noon", "12 midnight".
func (p *parser) timeOfDay() (wall, bool) {
	start := p.i
	w, ok := p.readTimeOfDay()
	if !ok {
		p.i = start
	}
	return w, ok
}

func (p *parser) readTimeOfDay() (wall, bool) {
	if p.word("noon") {
		return wall{hour: 12}, true
	}
	if p.word("midnight") {
		return wall{}, true
	}
	t, ok := p.next()
	switch {
	case !ok:
		return wall{}, false
	case t.kind == tokClock, t.kind == tokDecimal && t.places == 2:
		return p.finish(t.n, t.frac)
	case t.kind == tokNumber && t.n >= 100:
		return p.finish(t.n/100, t.n%100)
	case t.kind == tokNumber:
		return p.finish(t.n, p.spokenMinutes())
	}
	return wall{}, false
}

// spokenMinutes reads minutes said after the hour ("thirty", "oh five"), or
// gives 0 and consumes nothing.
func (p *parser) spokenMinutes() int {
	start := p.i
	oh := p.word("oh")
	n, ok := p.number()
	if ok && !p.atUnit() && (oh && n <= 9 || !oh && n >= 10 && n <= 59) {
		return n
	}
	p.i = start
	return 0
}

// finish reads what may follow a clock reading ("o'clock", am or pm) and
// checks the reading.
func (p *parser) finish(h, m int) (wall, bool) {
	p.word("oclock")
	if p.atUnit() {
		return wall{}, false // "1 hour" is a span, not 1 o'clock
	}
	for _, mer := range []string{"am", "pm", "noon", "midnight"} {
		if p.word(mer) {
			return makeWall(h, m, mer)
		}
	}
	return makeWall(h, m, "")
}

// makeWall checks an hour and minute said with "am", "pm", "noon",
// "midnight" or nothing, and makes the clock reading they name.
func makeWall(h, m int, mer string) (wall, bool) {
	if m < 0 || m > 59 {
		return wall{}, false
	}
	switch mer {
	case "am":
		return wall{hour: h % 12, minute: m}, h >= 1 && h <= 12
	case "pm":
		if h >= 13 && h <= 23 {
			return wall{hour: h, minute: m}, true // "18:30 pm"
		}
		return wall{hour: h%12 + 12, minute: m}, h >= 1 && h <= 12
	case "noon":
		return wall{hour: 12}, h == 12 && m == 0
	case "midnight":
		return wall{}, h == 12 && m == 0
	}
	if h >= 1 && h <= 12 {
		return wall{hour: h % 12, minute: m, either: true}, true
	}
	return wall{hour: h, minute: m}, h >= 0 && h <= 23
}

// plus moves w by a number of minutes, keeping am or pm open if it was.
func (w wall) plus(minutes int) wall {
	span := 24 * 60
	if w.either {
		span = 12 * 60
	}
	t := ((w.hour*60+w.minute+minutes)%span + span) % span
	return wall{hour: t / 60, minute: t % 60, either: w.either}
}

// hinted settles am or pm from "in the morning" or "this evening".
func (w wall) hinted(hint string) wall {
	switch hint {
	case "morning":
		w.either = false
	case "evening":
		w.hour, w.either = w.hour+12, false
	}
	return w
}
