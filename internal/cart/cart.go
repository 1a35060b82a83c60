package cart

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/kebabalab/kebabalab/internal/menu"
)

// Cart is the list of lines one call is ordering. Indexes are 0-based, as
// the assistant's tools use them.
type Cart struct {
	lines []Line
}

// Len returns the number of lines.
func (c *Cart) Len() int { return len(c.lines) }

// Lines returns a copy of the lines.
func (c *Cart) Lines() []Line { return append([]Line(nil), c.lines...) }

// Line returns the line at index i.
func (c *Cart) Line(i int) (Line, error) {
	if err := c.checkIndex(i); err != nil {
		return Line{}, err
	}
	return c.lines[i], nil
}

// Add builds every spec and appends the lines, or adds none of them and
// returns the first refusal, prefixed with the item's position when there
// are several.
func (c *Cart) Add(m *menu.Menu, specs ...Spec) ([]Line, error) {
	if len(specs) == 0 {
		return nil, refuse("Which items would you like to add?")
	}
	if len(c.lines)+len(specs) > MaxLines {
		return nil, refuse("An order can hold at most %d lines and the cart has %d; "+
			"please place this order first or remove something.", MaxLines, len(c.lines))
	}
	built := make([]Line, 0, len(specs))
	for i, s := range specs {
		l, err := Build(m, s)
		if err != nil {
			if len(specs) > 1 {
				return nil, refuse("Item %d: %s Nothing was added.", i+1, message(err))
			}
			return nil, err
		}
		built = append(built, l)
	}
	c.lines = append(c.lines, built...)
	return built, nil
}

// Remove takes the line at index i out of the cart.
func (c *Cart) Remove(i int) (Line, error) {
	if err := c.checkIndex(i); err != nil {
		return Line{}, err
	}
	l := c.lines[i]
	c.lines = append(c.lines[:i], c.lines[i+1:]...)
	return l, nil
}

// Clear empties the cart.
func (c *Cart) Clear() { c.lines = nil }

// Replace swaps the whole cart for lines, as a repeat order does.
func (c *Cart) Replace(lines []Line) error {
	if len(lines) > MaxLines {
		return refuse("An order can hold at most %d lines.", MaxLines)
	}
	c.lines = append([]Line(nil), lines...)
	return nil
}

func (c *Cart) checkIndex(i int) error {
	switch {
	case len(c.lines) == 0:
		return refuse("The cart is empty.")
	case i < 0 || i >= len(c.lines):
		return refuse("There is no item at index %d: the cart has %s, indexes 0 to %d.",
			i, plural(len(c.lines), "line"), len(c.lines)-1)
	}
	return nil
}

// Fingerprint identifies the cart's contents: two carts with the same
// lines in the same order have the same fingerprint.
func (c *Cart) Fingerprint() string {
	specs := make([]Spec, len(c.lines))
	for i := range c.lines {
		specs[i] = c.lines[i].Spec()
	}
	// Specs hold only strings, ints and maps, which encoding/json writes
	// with sorted keys, so the encoding is canonical.
	b, err := json.Marshal(specs)
	if err != nil {
		panic("cart: fingerprint: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func message(err error) string {
	if r, ok := err.(*Refusal); ok {
		return r.Message
	}
	return err.Error()
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
