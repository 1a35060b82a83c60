package speech

import "strings"

// count takes a number. Before the item it is the quantity ("two large
// kebabs"); a number followed by a word the menu does not know ("a hundred
// kebabs") is not trusted. After the item, "a" and "one" are articles
// ("with a coke"), and only a quantity not yet given is taken.
func (r *reading) count(i int) error {
	n := r.segs[i].number
	if i < r.itemSeg {
		if i+1 < len(r.segs) && r.unclear(r.segs[i+1]) {
			return refuseUnclearQuantity(r.heard(r.segs[i]) + " " + r.heard(r.segs[i+1]))
		}
		if r.quantitySaid && n != r.quantity {
			return refuseQuantity()
		}
	} else if n == 1 || r.quantitySaid && n == r.quantity {
		return nil
	} else if r.quantitySaid {
		return refuseQuantity()
	}
	if n < minQuantity || n > maxQuantity {
		return refuseQuantity()
	}
	r.quantity, r.quantitySaid = n, true
	return nil
}

// unclear reports whether s holds a digit, or is a word not even near one
// the menu or its speech section knows ("hundred", not "pieces"), so that
// a number before it may be only part of the quantity.
func (r *reading) unclear(s segment) bool {
	if s.e != nil || s.cands != nil || s.isNumber {
		return false
	}
	w := r.toks[s.first].text
	if !letters(w) {
		return true
	}
	return len(w) > 1 && !r.p.menuWords[w] && !r.p.speechWords[w] && !r.p.nearKnown(w)
}

// hasDigit reports whether s is a word that matched nothing and holds a
// digit.
func (r *reading) hasDigit(s segment) bool {
	if s.e != nil || s.isNumber {
		return false
	}
	w := r.toks[s.first].text
	return !letters(w) && strings.ContainsAny(w, "0123456789")
}
