package menu

import (
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
)

const (
	shippedMenu = "../../menu.json"
	minimalMenu = "testdata/minimal.json"
)

// mustLoad loads a menu file that must have no problems.
func mustLoad(t *testing.T, path string) *Menu {
	t.Helper()
	m, err := Load(path)
	if err != nil {
		t.Fatalf("Load(%s): %v", path, err)
	}
	return m
}

// change sets the value at a JSON path of the form problems are reported
// in ("categories[0].items[0].sizes.large"); a value of remove deletes it.
type change struct {
	path  string
	value any
}

type removal struct{}

var remove = removal{}

// edited returns the minimal fixture with the changes applied.
func edited(t *testing.T, changes ...change) []byte {
	t.Helper()
	data, err := os.ReadFile(minimalMenu)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		doc = setPath(t, doc, splitPath(c.path), c.value)
	}
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// mustParseEdited parses the minimal fixture with changes that keep it valid.
func mustParseEdited(t *testing.T, changes ...change) *Menu {
	t.Helper()
	m, err := Parse(edited(t, changes...))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return m
}

// splitPath turns "a.b[2].c" into "a", "b", "[2]", "c".
func splitPath(path string) []string {
	var steps []string
	for _, part := range strings.Split(path, ".") {
		key, rest, _ := strings.Cut(part, "[")
		if key != "" {
			steps = append(steps, key)
		}
		for rest != "" {
			var i string
			i, rest, _ = strings.Cut(rest, "]")
			steps = append(steps, "["+i+"]")
			rest = strings.TrimPrefix(rest, "[")
		}
	}
	return steps
}

func setPath(t *testing.T, node any, steps []string, value any) any {
	t.Helper()
	if len(steps) == 0 {
		return value
	}
	step, rest := steps[0], steps[1:]
	if i, ok := strings.CutPrefix(step, "["); ok {
		n, err := strconv.Atoi(strings.TrimSuffix(i, "]"))
		list, isList := node.([]any)
		if err != nil || !isList || n > len(list) {
			t.Fatalf("bad path step %s", step)
		}
		if n == len(list) {
			return append(list, value)
		}
		list[n] = setPath(t, list[n], rest, value)
		return list
	}
	obj, ok := node.(map[string]any)
	if !ok {
		t.Fatalf("bad path step %s", step)
	}
	if len(rest) == 0 && value == remove {
		delete(obj, step)
		return obj
	}
	obj[step] = setPath(t, obj[step], rest, value)
	return obj
}

// problemsOf returns the problems Parse reported, failing if it reported
// none or failed some other way.
func problemsOf(t *testing.T, err error) []Problem {
	t.Helper()
	var probs *Problems
	if !errors.As(err, &probs) {
		t.Fatalf("got error %v, want *Problems", err)
	}
	return probs.List()
}
