// Package money holds the one representation of an amount of money the
// program uses: whole cents in a signed 64-bit integer.
//
// Floating point never carries a price. The only conversion to float is
// Dollars, used at the edge where VAPI results want a JSON number.
package money

import (
	"fmt"
	"strconv"
	"strings"
)

// Cents is an amount of Australian money in cents, GST included.
type Cents int64

// Dollars returns c as a number of dollars for JSON results (1750 → 17.5).
// A float64 holds every cent value below 2^53 exactly enough to print right.
func (c Cents) Dollars() float64 {
	return float64(c) / 100
}

// String formats c the way a person reads it: "$17.50", "-$0.05".
func (c Cents) String() string {
	sign := ""
	v := int64(c)
	if v < 0 {
		sign = "-"
		v = -v
	}
	return fmt.Sprintf("%s$%d.%02d", sign, v/100, v%100)
}

// Spoken formats c for the assistant to say: "$17" for whole dollars,
// "$17.50" otherwise.
func (c Cents) Spoken() string {
	if c%100 == 0 {
		return strings.TrimSuffix(c.String(), ".00")
	}
	return c.String()
}

// Parse reads a decimal dollar string such as "17", "17.5" or "17.50" into
// cents. It refuses more than two decimal places, signs, exponents and
// anything else a hand-edited file should not contain.
func Parse(s string) (Cents, error) {
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" || !allDigits(whole) || (hasDot && (frac == "" || len(frac) > 2 || !allDigits(frac))) {
		return 0, fmt.Errorf("%q is not an amount like \"12.50\"", s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > 1_000_000 {
		return 0, fmt.Errorf("%q is too large", s)
	}
	var f int64
	if hasDot {
		f, _ = strconv.ParseInt(frac, 10, 64)
		if len(frac) == 1 {
			f *= 10
		}
	}
	return Cents(w*100 + f), nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// IncludedTax returns the tax contained in a tax-inclusive total at the given
// rate in percent, rounded half up to the cent: total × r / (100 + r).
// At 10 % this is total / 11, so $10.00 holds $0.91 of GST.
func IncludedTax(total Cents, ratePercent int64) Cents {
	if total <= 0 || ratePercent <= 0 {
		return 0
	}
	num := int64(total) * ratePercent
	den := 100 + ratePercent
	return Cents((2*num + den) / (2 * den))
}
