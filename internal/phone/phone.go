// Package phone turns the ways Australians write and say phone numbers into
// one E.164 form, so that "0412 345 678" and "+61412345678" are the same
// customer everywhere in the program.
//
// Accepted: national numbers (04xx xxx xxx, 02/03/07/08 landlines), +61 and
// 61 prefixes, the Australian international prefix 0011 61, an optional
// "(0)" or stray 0 after the country code, and spaces, tabs, dashes, dots
// and brackets between digits. Refused: 13, 1300, 1800 and 19xx numbers
// (they cannot be called back or texted), 05 numbers (set aside for
// mobiles but not yet issued), other countries and wrong lengths. 0061 is a
// common written form but not Australian dialling, so it is refused too.
package phone

import (
	"strings"
)

// maxInput bounds the text Normalize looks at; no phone number written with
// separators comes near it.
const maxInput = 64

// Error is the reason a number was refused. Prompt is a sentence the
// assistant can say to the caller. Error() names only the reason, never the
// number, so it is safe to log.
type Error struct {
	Reason string
	Prompt string
}

func (e *Error) Error() string { return "phone: " + e.Reason }

// Sentinel errors returned by Normalize; compare with errors.Is and speak
// their Prompt.
var (
	ErrEmpty = &Error{"empty",
		"I didn't catch a phone number; could you say it, starting with 04?"}
	ErrNotAustralian = &Error{"not australian",
		"That doesn't look like an Australian phone number; " +
			"could you say it again, starting with 04?"}
	ErrLength = &Error{"wrong length",
		"That number seems to have too many or too few digits; " +
			"could you say it again, starting with 04?"}
	ErrServiceNumber = &Error{"service number",
		"We can't call back or text 13, 1300, 1800 or 19 numbers; " +
			"could you give me a mobile number starting with 04?"}
	ErrNotIssued = &Error{"not issued",
		"Numbers starting with 05 aren't in use yet; " +
			"could you give me a mobile number starting with 04?"}
)

// Normalize returns s as E.164 (+61 followed by nine digits) or one of the
// sentinel errors above.
func Normalize(s string) (string, error) {
	digits, plus, err := compact(s)
	if err != nil {
		return "", err
	}
	national, err := nationalDigits(digits, plus)
	if err != nil {
		return "", err
	}
	if err := checkNational(national); err != nil {
		return "", err
	}
	return "+61" + national, nil
}

// compact strips separators and a "(0)" trunk marker, and returns the
// remaining digits and whether they began with '+'.
func compact(s string) (digits string, plus bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false, ErrEmpty
	}
	if len(s) > maxInput {
		return "", false, ErrLength
	}
	s = strings.ReplaceAll(s, "(0)", "")
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			plus = true
		case isSeparator(r):
		default:
			return "", false, ErrNotAustralian
		}
	}
	if b.Len() == 0 {
		return "", false, ErrEmpty
	}
	return b.String(), plus, nil
}

func isSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '-', '.', '(', ')':
		return true
	}
	return false
}

// nationalDigits removes the country code or the trunk 0 and returns the
// national significant number, which should then be nine digits.
func nationalDigits(d string, plus bool) (string, error) {
	switch {
	case plus:
		return afterCountryCode(d)
	case strings.HasPrefix(d, "0011"):
		return afterCountryCode(d[4:])
	case strings.HasPrefix(d, "00"):
		return "", ErrNotAustralian
	case strings.HasPrefix(d, "0"):
		return d[1:], nil
	case strings.HasPrefix(d, "61") && (len(d) == 11 || len(d) == 12):
		return afterCountryCode(d)
	case strings.HasPrefix(d, "1"):
		return "", ErrServiceNumber
	}
	return "", ErrLength
}

// afterCountryCode expects d to start with 61, and drops a trunk 0 written
// after it ("+61 0412…").
func afterCountryCode(d string) (string, error) {
	rest, ok := strings.CutPrefix(d, "61")
	if !ok {
		return "", ErrNotAustralian
	}
	if len(rest) == 10 && rest[0] == '0' {
		rest = rest[1:]
	}
	return rest, nil
}

// checkNational accepts mobiles and geographic numbers of the right length.
func checkNational(n string) error {
	if n == "" {
		return ErrLength
	}
	switch n[0] {
	case '1':
		return ErrServiceNumber
	case '5':
		return ErrNotIssued
	case '2', '3', '4', '7', '8':
		if len(n) != 9 {
			return ErrLength
		}
		return nil
	}
	return ErrNotAustralian
}

// IsMobile reports whether e164 is an Australian mobile (+614 and eight
// digits), the only kind of number the program texts.
func IsMobile(e164 string) bool {
	rest, ok := strings.CutPrefix(e164, "+614")
	return ok && len(rest) == 8 && allDigits(rest)
}

// Last3 returns the last three digits of a number, the most of it that logs
// and speech may show, or "" when s does not end in three digits.
func Last3(s string) string {
	if len(s) < 3 || !allDigits(s[len(s)-3:]) {
		return ""
	}
	return s[len(s)-3:]
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
