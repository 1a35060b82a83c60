package speech

import (
	"strings"
	"sync"
	"testing"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"lamb", "lamb", 1, 0},
		{"chiken", "chicken", 2, 1},                              // a letter dropped
		{"garlik", "garlic", 2, 1},                               // a letter changed
		{"falafle", "falafel", 2, 1},                             // two letters swapped
		{"chillli", "chilli", 2, 1},                              // a letter added
		{"halumi", "halloumi", 2, 2},                             // two dropped
		{"kebab", "pizza", 2, 3},                                 // past the limit: limit+1
		{"a", "abcdefgh", 1, 2},                                  // lengths too far apart
		{"", "v", 1, 1},                                          // empty word
		{"abc", "cab", 2, 2},                                     // not a neighbour swap
		{strings.Repeat("a", 40), strings.Repeat("a", 40), 2, 3}, // too long to try
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("distance(%q, %q, %d): got %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

// TestParser_nearest shows which words are corrected to menu words: the
// usual speech-to-text misses are, ordinary English words are not.
func TestParser_nearest(t *testing.T) {
	p := mustParser(t)
	tests := []struct {
		word  string
		best  string
		cands string // equally near words of different meaning, space-separated
	}{
		{"chiken", "", ""}, // an alias already: known, never corrected
		{"chickn", "chicken", ""},
		{"garlik", "garlic", ""},
		{"halumi", "haloumi", ""},
		{"falafle", "falafel", ""},
		{"chillli", "chilli", ""},
		{"lamm", "lamb", ""}, // "lamb", "lam" and "lamp" mean the same: most used wins
		{"tomatoe", "tomato", ""},
		{"cokes", "coke", ""},
		{"meals", "meal", ""},
		{"jalapinos", "jalapenos", ""},
		{"mano", "", "mango mayo"},
		{"vega", "", "vegan vego"},
		// Short words and ordinary words stay as they are.
		{"cok", "", ""},
		{"potato", "", ""}, // near "tomato", but not its first letter
		{"each", "", ""},
		{"they", "", ""},
		{"tree", "", ""}, // near "three", but numbers are never guessed
		{"pineapple", "", ""},
		{"hundred", "", ""},
	}
	for _, tt := range tests {
		tok := p.read(tt.word, 0)
		if tok.fuzzy && tok.word != tt.best || !tok.fuzzy && tt.best != "" ||
			strings.Join(tok.cands, " ") != tt.cands {
			t.Errorf("read(%q): got word %q (fuzzy %v) cands %q, want %q cands %q",
				tt.word, tok.word, tok.fuzzy, tok.cands, tt.best, tt.cands)
		}
	}
}

func TestNextClause(t *testing.T) {
	tests := []struct{ in, clause, rest string }{
		{"large kebab, no onion", "large kebab", " no onion"},
		{"b.b.q sauce. thanks", "b.b.q sauce", " thanks"},
		{"coca-cola; two", "coca-cola", " two"},
		{"the end.", "the end", ""},
		{"no punctuation", "no punctuation", ""},
	}
	for _, tt := range tests {
		clause, rest := nextClause(tt.in)
		if clause != tt.clause || rest != tt.rest {
			t.Errorf("nextClause(%q): got %q, %q; want %q, %q", tt.in, clause, rest, tt.clause,
				tt.rest)
		}
	}
}

// TestParser_Parse_concurrent runs parses side by side; with -race it
// proves Parse only reads the shared index.
func TestParser_Parse_concurrent(t *testing.T) {
	p := mustParser(t)
	phrases := []string{
		"yeah could I get two large lamp kebabs with the lot no onion and garlik sauce",
		"a coke", "mano", "large chips with chicken salt", "lamb gozleme meal with a solo",
	}
	want := make([]string, len(phrases))
	for i, ph := range phrases {
		got, err := p.Parse(ph)
		want[i] = resultString(got, err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for n := range 200 {
				i := (g + n) % len(phrases)
				got, err := p.Parse(phrases[i])
				if s := resultString(got, err); s != want[i] {
					t.Errorf("Parse(%q): got %s, want %s", phrases[i], s, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}
