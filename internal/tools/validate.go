package tools

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kebabalab/kebabalab/internal/phone"
)

// Limits on what a caller gives createOrder (SPEC §8).
const (
	minNameRunes = 2
	maxNameRunes = 100
	maxNoteRunes = 200
)

// Sentences for refused details; each says what to ask the caller.
const (
	msgNameLength = "Could I get a name for the order? It needs at least two letters, " +
		"and at most 100."
	msgNameChars = "Could you spell the name for the order? A name can only have " +
		"letters, spaces, apostrophes, hyphens and full stops."
	msgNotesLength = "Those notes are too long for the order; could you say them " +
		"more briefly, in 200 characters or fewer?"
	msgNotMobile = "I can only send texts to a mobile; could you give me a mobile " +
		"number starting with 04?"
	msgAskMobile = "Which mobile number should I text? It should start with 04."
)

// customerName checks a name as SPEC §8 asks and returns it trimmed and
// otherwise exactly as given: "José O'Brien-Smith" is stored as it is. A
// control character is refused rather than cleaned up, since a name holding
// one was not said by a person.
func customerName(s string) (string, error) {
	s = strings.TrimSpace(s)
	if n := utf8.RuneCountInString(s); n < minNameRunes || n > maxNameRunes {
		return "", Refuse(msgNameLength)
	}
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case nameMark(r):
		default:
			return "", Refuse(msgNameChars)
		}
	}
	if letters == 0 {
		return "", Refuse(msgNameLength)
	}
	return s, nil
}

// nameMark reports the characters a name may hold besides letters:
// combining marks (which some scripts write vowels with), a plain space,
// apostrophes and hyphens in their plain and typographic forms, and full
// stops.
func nameMark(r rune) bool {
	switch r {
	case ' ', '\'', '’', '‘', '-', '‐', '‑', '.':
		return true
	}
	return unicode.Is(unicode.M, r)
}

// orderNotes cleans notes for storage: control characters become spaces
// and runs of whitespace one space. The text is otherwise kept as said, in
// any script, so the kitchen reads what the caller asked for; the SMS
// renderers reduce it further to GSM-7 and neutralise links before it is
// texted. The length limit applies to the cleaned text.
func orderNotes(s string) (string, error) {
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
	if utf8.RuneCountInString(s) > maxNoteRunes {
		return "", Refuse(msgNotesLength)
	}
	return s, nil
}

// contactNumber normalises the number the caller gave, or else the number
// they are calling from, to E.164. A number given that cannot be used is
// refused with the phone package's prompt, which asks for it again; with
// none usable at all, the refusal is ask.
func contactNumber(given, caller, ask string) (string, error) {
	if strings.TrimSpace(given) == "" {
		// A withheld, overseas or odd caller id was never said by the
		// caller, so ask for a number rather than correct one.
		e164, err := phone.Normalize(caller)
		if err != nil {
			return "", Refuse("%s", ask)
		}
		return e164, nil
	}
	e164, err := phone.Normalize(given)
	if err != nil {
		var pe *phone.Error
		if errors.As(err, &pe) {
			return "", Refuse("%s", pe.Prompt)
		}
		return "", Refuse("%s", ask)
	}
	return e164, nil
}

// mobileNumber is contactNumber for a number about to be texted: anything
// but an Australian mobile is refused.
func mobileNumber(given, caller string) (string, error) {
	e164, err := contactNumber(given, caller, msgAskMobile)
	if err != nil {
		return "", err
	}
	if !phone.IsMobile(e164) {
		return "", Refuse(msgNotMobile)
	}
	return e164, nil
}

// firstName is the first word of a stored name, for a text's greeting.
func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return ""
}
