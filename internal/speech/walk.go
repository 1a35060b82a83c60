package speech

import (
	"slices"

	"github.com/kebabalab/kebabalab/internal/menu"
)

// change is one inclusion or exclusion, applied once the phrase is read:
// all inclusions first, so that "with the lot, no onion" has no onion.
type change struct {
	mod        *menu.Modifier // nil for a whole group
	group      menu.Group
	everything bool // all free salads
}

// saltChoice collects what the phrase says about one salt: salt is a
// single choice, and leaving one out may need a question.
type saltChoice struct {
	chosen, other *menu.Modifier // other: a second, different salt asked for
	out           []*menu.Modifier
	outAll        bool
}

// scope says whether an exclusion word applies to what comes next.
type scope struct {
	state scopeState
	group menu.Group // the group of what was last left out
}

type scopeState int

const (
	scopeNone    scopeState = iota
	scopeOpen               // after "no", before what it leaves out
	scopeApplied            // after "no onion": more modifiers may follow
	scopeJoined             // after "no onion and": only onion's group follows
)

// walk reads the segments left to right for the item found. An exclusion
// word applies to the modifiers right after it ("no onion tomato", "no
// onion or tomato"), and across "and" to more of the same group ("no onion
// and tomato"); another group ends it, so that "no onion and garlic sauce"
// leaves out only the onion. Any other menu word, a word asking for
// something ("no onion with garlic") or the end of the clause ends it too.
// Other fillers before the first modifier ("take off the tomato") do not.
func (r *reading) walk() error {
	var excl scope
	clause := -1
	for i := range r.segs {
		s := &r.segs[i]
		if c := r.toks[s.first].clause; c != clause {
			excl, clause = scope{}, c
		}
		if s.cands != nil {
			if err := r.settle(s); err != nil {
				return err
			}
		}
		if s.isNumber {
			if err := r.count(i); err != nil {
				return err
			}
			excl = scope{}
			continue
		}
		if i < r.itemSeg && r.hasDigit(*s) {
			return refuseQuantity() // "2x", "1kg": a quantity we cannot read
		}
		if s.e == nil || s.dropped {
			r.ignore(*s)
			if s.e != nil || r.p.menuWords[r.toks[s.first].text] {
				excl = scope{} // a menu word, even out of place, is not "or"
			}
			continue
		}
		switch s.e.speech {
		case 0:
		case menu.KindExclusion:
			excl = scope{state: scopeOpen}
			continue
		case menu.KindEverything:
			if err := r.everything(excl.state == scopeOpen); err != nil {
				return err
			}
			excl = scope{}
			continue
		case menu.KindFiller:
			switch {
			case excl.state != scopeNone && r.p.inclusions[s.e.phrase]:
				excl = scope{} // "no cheese with haloumi" keeps the haloumi
			case excl.state == scopeApplied:
				excl.state = scopeJoined
			}
			continue
		default: // meal
			excl = scope{}
			continue
		}
		var err error
		excl, err = r.apply(i, r.role(s.e), excl)
		if err != nil {
			return err
		}
	}
	return nil
}

// leaves reports whether a modifier of group g is left out under the
// scope.
func (sc scope) leaves(g menu.Group) bool {
	switch sc.state {
	case scopeOpen, scopeApplied:
		return true
	case scopeJoined:
		return g == sc.group
	}
	return false
}

// apply takes one menu phrase's role into the line and returns the
// exclusion scope for what follows.
func (r *reading) apply(i int, ro role, excl scope) (scope, error) {
	s := r.segs[i]
	switch ro.kind {
	case roleModifier, roleGroup:
		out := excl.leaves(ro.group)
		if out && excl.state != scopeOpen && excl.group == menu.Salt && ro.mod != nil &&
			ro.group == menu.Salt {
			// Salt is one choice, so a salt named after one left out is the
			// one wanted: "no chicken salt, normal salt".
			out = false
		}
		r.change(ro, out)
		if out {
			return scope{state: scopeApplied, group: ro.group}, nil
		}
	case roleUnavailable:
		switch {
		case excl.leaves(ro.group):
			// Leaving out what cannot be had is harmless.
			return scope{state: scopeApplied, group: ro.group}, nil
		case s.fuzzy:
			r.ignore(s) // a guess that makes no sense here; reported, not refused
		default:
			return scope{}, refuseUnavailable(r.p.modifierName(ro), r.it)
		}
	case roleNone:
		if !s.fuzzy {
			return scope{}, refuseNotOption(r.heard(s), r.it)
		}
		r.ignore(s)
		return excl, nil
	case roleChips:
		if excl.state != scopeNone {
			r.mealChips = menu.NoChips
		}
	case roleSize, roleBadSize:
		if s.fuzzy && (ro.kind == roleBadSize || r.size != nil && r.size != ro.size) {
			r.ignore(s)
			return scope{}, nil
		}
		return scope{}, r.sized(i, ro)
	case roleOption:
		taken, err := r.choose(ro, s.fuzzy)
		if !taken && err == nil {
			r.ignore(s)
		}
		return scope{}, err
	case roleDrink:
		return scope{}, r.chooseDrink(ro)
	}
	return scope{}, nil
}

// change records a modifier or group the phrase puts on or leaves off.
func (r *reading) change(ro role, excl bool) {
	if ro.group == menu.Salt {
		sc := &r.salt
		if ro.meal {
			sc = &r.mealSalt
		}
		switch {
		case ro.mod == nil && excl:
			sc.outAll = true
		case ro.mod == nil:
		case excl:
			sc.out = append(sc.out, ro.mod)
		case sc.chosen == nil || sc.chosen == ro.mod:
			sc.chosen = ro.mod
		default:
			sc.other = ro.mod
		}
		return
	}
	c := change{mod: ro.mod, group: ro.group}
	if excl {
		r.drops = append(r.drops, c)
		return
	}
	// Asking for salad without naming one means the usual salads.
	c.everything = ro.mod == nil && ro.group == menu.Salads
	r.adds = append(r.adds, c)
}

// everything records "with the lot": every free salad the item takes.
// Right after an exclusion word ("without the lot") it leaves out salad.
func (r *reading) everything(excl bool) error {
	if excl {
		r.drops = append(r.drops, change{group: menu.Salads})
		return nil
	}
	if !r.it.Accepts(menu.Salads) {
		return refuseUnavailable(r.p.groupNames[menu.Salads], r.it)
	}
	r.adds = append(r.adds, change{group: menu.Salads, everything: true})
	return nil
}

// settle reads a misheard word with several readings now that the item is
// known: the readings that make no sense on it are dropped.
func (r *reading) settle(s *segment) error {
	var fit []string
	for _, w := range s.cands {
		e := r.p.phrases[w]
		if e != nil && e.speech == 0 && r.fits(e) && !r.p.sameAsAny(w, fit) {
			fit = append(fit, w)
		}
	}
	switch len(fit) {
	case 0:
		s.cands = nil
	case 1:
		s.cands, s.e = nil, r.p.phrases[fit[0]]
	default:
		return refuseAmbiguous(fit)
	}
	return nil
}

// sameAsAny reports whether w means what one of words means: "salas" is as
// near "salad" as "salads", and there is nothing to ask.
func (p *Parser) sameAsAny(w string, words []string) bool {
	keys := p.meaningKeys(w)
	for _, o := range words {
		if slices.Equal(keys, p.meaningKeys(o)) {
			return true
		}
	}
	return false
}

// ignore lists the words of s as matching nothing. Words of the speech
// section said on their own, and single letters, carry nothing to report.
func (r *reading) ignore(s segment) {
	for _, t := range r.toks[s.first:s.last] {
		if len(t.text) > 1 && (t.fuzzy || !r.p.speechWords[t.text]) {
			r.ignored = append(r.ignored, t.text)
		}
	}
}

// heard returns the words of s as the caller said them.
func (r *reading) heard(s segment) string {
	if s.last-s.first == 1 {
		return r.toks[s.first].text
	}
	words := make([]string, 0, s.last-s.first)
	for _, t := range r.toks[s.first:s.last] {
		words = append(words, t.text)
	}
	return joinWords(words)
}
