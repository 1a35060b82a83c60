package menu

import "regexp"

// word is one phrase a thing may be called by, with the path of the file
// entry that says so.
type word struct {
	phrase, path string
}

// idPattern keeps ids simple enough to type in a tool call and to store.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)*$`)

// label checks the id and name of a thing and returns every phrase it may be
// called by: its id (underscores read as spaces), its name and its aliases.
func label(p *problems, path, id, name string, aliases []string) []word {
	var words []word
	if checkID(p, field(path, "id"), id) {
		words = append(words, word{Normalize(id), field(path, "id")})
	}
	if name == "" {
		p.add(field(path, "name"), "missing")
	} else {
		words = appendWord(p, words, field(path, "name"), name)
	}
	for i, a := range aliases {
		words = appendWord(p, words, index(field(path, "aliases"), i), a)
	}
	return words
}

// appendWord adds raw to words unless it says nothing or repeats one of
// them: an alias equal to its own name once accents are folded is harmless.
func appendWord(p *problems, words []word, path, raw string) []word {
	phrase := Normalize(raw)
	if phrase == "" {
		p.add(path, "needs at least one letter or digit")
		return words
	}
	for _, w := range words {
		if w.phrase == phrase {
			return words
		}
	}
	return append(words, word{phrase, path})
}

func checkID(p *problems, path, id string) bool {
	switch {
	case id == "":
		p.add(path, "missing")
	case !idPattern.MatchString(id):
		p.add(path, "%q must be lower-case letters and digits joined by single underscores,"+
			" like \"sweet_chilli\"", id)
	default:
		return true
	}
	return false
}

// ids reports an id used twice within one list of things.
type ids map[string]string // id → path of its first use

func (s ids) unique(p *problems, path, id string) bool {
	if id == "" {
		return false
	}
	if first, dup := s[id]; dup {
		p.add(path, "id %q is already used at %s", id, first)
		return false
	}
	s[id] = path
	return true
}

// phrases is one lookup space: within it a phrase may name only one thing,
// otherwise a caller saying it could mean either.
type phrases map[string]owner

type owner struct {
	key  string // identifies the thing named, such as "item kebab"
	path string // where the phrase was first given
}

// claim records that w names the thing key and reports whether it may: a
// phrase already naming something else is a problem where w is given.
// Naming the same thing twice is harmless.
func (ps phrases) claim(p *problems, w word, key string) bool {
	if o, taken := ps[w.phrase]; taken {
		if o.key == key {
			return true
		}
		p.add(w.path, "%q already means %s (%s)", w.phrase, o.key, o.path)
		return false
	}
	ps[w.phrase] = owner{key: key, path: w.path}
	return true
}
