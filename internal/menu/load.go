package menu

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
)

// Load reads and checks the menu file at path. A file that cannot be used
// yields an error wrapping *Problems, which lists everything wrong with it.
func Load(path string) (*Menu, error) {
	// #nosec G304 -- the operator names the menu file (MENU_PATH); reading it is the point.
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read menu: %w", err)
	}
	m, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("menu %s: %w", path, err)
	}
	return m, nil
}

// Parse checks a menu file's contents and builds the Menu. Any problem,
// from an unknown key to an ambiguous alias, makes it return a *Problems
// error listing all of them, each with its JSON path.
func Parse(data []byte) (*Menu, error) {
	p := &problems{}
	tree, err := decodeTree(data, p)
	if err != nil {
		p.add("", "%v", err)
		return nil, p.err()
	}
	checkShape(p, "", tree, reflect.TypeFor[fileMenu]())
	var f fileMenu
	// checkShape has reported every mismatch json.Unmarshal could meet; what
	// it still decodes is checked below, so its error adds nothing.
	_ = json.Unmarshal(data, &f)
	m := build(p, &f)
	if err := p.err(); err != nil {
		return nil, err
	}
	return m, nil
}
