package pickup

// canonical returns the grammar's spelling of a word, or "" for a word the
// grammar does not use. Misspellings here are the usual speech-to-text ones.
func canonical(w string) string {
	switch w {
	case "minute", "minutes", "min", "mins", "m":
		return "minute"
	case "hour", "hours", "hr", "hrs", "h":
		return "hour"
	case "second", "seconds", "sec", "secs":
		return "second"
	case "day", "days", "week", "weeks", "fortnight", "month", "months":
		return "day"
	case "tomorrow", "tomorrows", "tomorow", "tommorow", "tommorrow", "tmrw", "tmr",
		"tomoz", "yesterday":
		return "otherday"
	case "am", "pm", "noon", "midnight", "half", "quarter", "quarters", "and", "morning",
		"in":
		return w
	case "midday":
		return "noon"
	case "oclock", "clock":
		return "oclock"
	case "a", "an":
		return "a"
	case "oh", "o":
		return "oh"
	case "past", "after":
		return "past"
	case "to", "til", "till", "before":
		return "to"
	case "afternoon", "evening", "arvo":
		return "evening"
	case "asap", "now", "soon", "soonest", "immediately", "straightaway", "whenever",
		"possible", "earliest", "quick", "quickly", "straight", "away":
		return "asap"
	case "few", "several", "bit", "while":
		// Known but unused, so that they separate what they stand between:
		// dropped, "in a few hours" would read as "in an hour".
		return "vague"
	}
	return ""
}

// numberWord reads a number said as a word, up to ninety.
func numberWord(w string) (int, bool) {
	units := [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven",
		"eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
		"sixteen", "seventeen", "eighteen", "nineteen"}
	for n, u := range units {
		if w == u {
			return n, true
		}
	}
	tens := [...]string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
		"ninety"}
	for i, t := range tens {
		if w == t {
			return 20 + 10*i, true
		}
	}
	switch w {
	case "fourty":
		return 40, true
	case "couple":
		return 2, true
	}
	return 0, false
}
