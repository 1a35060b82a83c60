package menu

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Problem is one thing wrong with a menu file: where it is and what is wrong.
type Problem struct {
	// Path is the JSON path of the offending value, such as
	// "categories[2].items[1].sizes.large", or "" when the whole file is at fault.
	Path string
	// Message says what is wrong, in words a shop owner can act on.
	Message string
}

// String returns the problem as one line: "path: message".
func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// Problems is the error Parse and Load return for a menu that cannot be used.
// It holds every problem found, in a stable order, so that one run of
// `kebabalab check` shows them all.
type Problems struct {
	list []Problem
}

// List returns the problems in the order they were found.
func (e *Problems) List() []Problem {
	return slices.Clone(e.list)
}

// Error returns one problem per line, after a count when there are several.
func (e *Problems) Error() string {
	if len(e.list) == 1 {
		return e.list[0].String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problems:", len(e.list))
	for _, p := range e.list {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// problems collects Problems while a file is checked. It keeps one problem
// per path: fixing it reveals the next. Paths whose JSON had the wrong shape
// are remembered so that later checks do not report the same mistake again
// as, say, a missing value.
type problems struct {
	list []Problem
	bad  []string
}

func (p *problems) add(path, format string, args ...any) {
	for _, b := range p.bad {
		if within(path, b) {
			return
		}
	}
	for _, q := range p.list {
		if q.Path == path {
			return
		}
	}
	p.list = append(p.list, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// addShape records a problem with the JSON shape at path and hides any
// later problem at or below it.
func (p *problems) addShape(path, format string, args ...any) {
	p.add(path, format, args...)
	p.bad = append(p.bad, path)
}

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &Problems{list: p.list}
}

// within reports whether path is base or lies below it.
func within(path, base string) bool {
	if base == "" || path == base {
		return true
	}
	rest, ok := strings.CutPrefix(path, base)
	return ok && (rest[0] == '.' || rest[0] == '[')
}

// field returns the path of key inside the object at path.
func field(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// index returns the path of element i of the list at path.
func index(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}
