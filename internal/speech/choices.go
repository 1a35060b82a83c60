package speech

// sized takes a size word: the size of the meal's chips when it comes
// right before them in a meal phrase ("with large chips"), else the item's.
func (r *reading) sized(i int, ro role) error {
	if r.meal && i+1 < len(r.segs) {
		next := r.segs[i+1]
		if next.e != nil && !next.dropped && r.role(next.e).kind == roleChips {
			size, ok := sizeRole(r.segs[i].e, r.p.mealChips)
			if !ok || size.kind != roleSize {
				return refuseSize(r.p.mealChips)
			}
			if r.mealChips != "" && r.mealChips != size.size.ID {
				return refuseSize(r.p.mealChips)
			}
			r.mealChips = size.size.ID
			return nil
		}
	}
	switch {
	case ro.kind == roleBadSize && !r.it.Sized():
		return refuseOneSize(r.it)
	case ro.kind == roleBadSize:
		return refuseSize(r.it)
	case r.size != nil && r.size != ro.size:
		return refuseConflict(r.it, r.size.Name, ro.size.Name)
	}
	r.size = ro.size
	return nil
}

// choose takes a value of one of the item's options. A value read from a
// misheard word gives way to one heard plainly ("cook" is near "chook").
// It reports false for a guess that lost.
func (r *reading) choose(ro role, guess bool) (bool, error) {
	had, ok := r.choices[ro.opt.ID]
	switch {
	case ok && had == ro.value:
		return true, nil
	case ok && guess:
		return false, nil
	case ok && !r.guessed[ro.opt.ID]:
		return false, refuseConflict(r.it, valueName(ro.opt, had), valueName(ro.opt, ro.value))
	}
	if r.choices == nil {
		r.choices = make(map[string]string, len(r.it.Options))
	}
	r.choices[ro.opt.ID] = ro.value
	if guess {
		if r.guessed == nil {
			r.guessed = map[string]bool{}
		}
		r.guessed[ro.opt.ID] = true
	} else {
		delete(r.guessed, ro.opt.ID)
	}
	return true, nil
}

// chooseDrink takes the meal drink's choice: "with a coke".
func (r *reading) chooseDrink(ro role) error {
	if r.mealDrink != "" && r.mealDrink != ro.value {
		return refuseConflict(r.p.drink.Item, valueName(ro.opt, r.mealDrink),
			valueName(ro.opt, ro.value))
	}
	r.mealDrink = ro.value
	return nil
}
