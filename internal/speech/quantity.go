package speech

import (
	"strings"

	"github.com/kebabalab/kebabalab/internal/menu"
)

// count takes a number. Before the item it is the quantity ("two large
// kebabs"); a number followed by a word the menu does not know ("a hundred
// kebabs") is not trusted. After the item, "a" and "one" are articles
// ("with a coke"), and only a quantity not yet given is taken; but "one"
// opening a clause after a quantity of several ("two kebabs, one with
// garlic") singles out one of them, which is a line of its own.
func (r *reading) count(i int) error {
	n := r.segs[i].number
	if i >= r.itemSeg && n == 1 && r.quantity > 1 && r.opensClause(i) && r.changesAfter(i) {
		return refuseSplit(r.quantity)
	}
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

// opensClause reports whether segment i is the first of its clause.
func (r *reading) opensClause(i int) bool {
	return i == 0 || r.clause(i-1) != r.clause(i)
}

func (r *reading) clause(i int) int { return r.toks[r.segs[i].first].clause }

// changesAfter reports whether the rest of segment i's clause puts on or
// leaves off something ("one with garlic"), rather than naming the meal's
// drink ("two meals, a coke").
func (r *reading) changesAfter(i int) bool {
	for j := i + 1; j < len(r.segs) && r.clause(j) == r.clause(i); j++ {
		e := r.segs[j].e
		switch {
		case e == nil:
		case e.speech == menu.KindExclusion, e.speech == menu.KindEverything:
			return true
		case e.speech == 0:
			if k := r.role(e).kind; k == roleModifier || k == roleGroup {
				return true
			}
		}
	}
	return false
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
