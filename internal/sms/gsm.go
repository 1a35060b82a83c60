package sms

import "strings"

// gsmBasic is the GSM 03.38 default alphabet; each costs one septet.
const gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

// gsmExtension is the GSM 03.38 extension table; each costs two septets
// (an escape, then the character).
const gsmExtension = "\f^{}\\[~]|€"

// septets returns what r costs in GSM-7, or 0 when GSM-7 cannot carry it.
func septets(r rune) int {
	switch {
	case strings.ContainsRune(gsmBasic, r):
		return 1
	case strings.ContainsRune(gsmExtension, r):
		return 2
	}
	return 0
}

// Segment sizes: a single text holds 160 GSM-7 septets or 70 UCS-2 units;
// split texts lose room to a header in every part.
const (
	gsmSingle  = 160
	gsmPart    = 153
	ucs2Single = 70
	ucs2Part   = 67
)

// Segments returns how many SMS parts body is billed as: GSM-7 when every
// character is in its alphabet (extension characters cost two septets),
// otherwise UCS-2. Parts are packed the way a sender splits them, never
// breaking an escape pair or a surrogate pair across parts, so the count is
// exact rather than a lower bound. An empty body is 0 segments.
func Segments(body string) int {
	if body == "" {
		return 0
	}
	costs, single, part := gsmCosts(body), gsmSingle, gsmPart
	if costs == nil {
		costs, single, part = ucs2Costs(body), ucs2Single, ucs2Part
	}
	total := 0
	for _, c := range costs {
		total += c
	}
	if total <= single {
		return 1
	}
	return pack(costs, part)
}

// gsmCosts returns the septets of each rune, or nil when one is not GSM-7.
func gsmCosts(body string) []int {
	var costs []int
	for _, r := range body {
		c := septets(r)
		if c == 0 {
			return nil
		}
		costs = append(costs, c)
	}
	return costs
}

// ucs2Costs returns the UTF-16 code units of each rune.
func ucs2Costs(body string) []int {
	var costs []int
	for _, r := range body {
		if r > 0xFFFF {
			costs = append(costs, 2)
		} else {
			costs = append(costs, 1)
		}
	}
	return costs
}

// pack counts the parts needed when no character may straddle two parts.
func pack(costs []int, size int) int {
	parts, used := 1, 0
	for _, c := range costs {
		if used+c > size {
			parts++
			used = 0
		}
		used += c
	}
	return parts
}
