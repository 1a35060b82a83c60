package config

import (
	"bufio"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
)

// .env.example and the README's table are what an operator configures the
// server from: every variable the server reads must be in both, and the
// example must show the real default, or nothing for a variable without one.
func TestEnvExampleAndReadmeDocumentEveryKey(t *testing.T) {
	f, err := os.Open("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	example := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			t.Errorf(".env.example: line %q is not KEY=value", line)
			continue
		}
		example[k] = v
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}

	for _, k := range Keys {
		v, ok := example[k]
		switch {
		case !ok:
			t.Errorf(".env.example lacks %s", k)
		case v != defaults[k]:
			t.Errorf(".env.example has %s=%s, want the default %q", k, v, defaults[k])
		}
		if !strings.Contains(string(readme), "`"+k+"`") {
			t.Errorf("README's configuration table lacks %s", k)
		}
	}
	for k := range example {
		if !slices.Contains(Keys, k) {
			t.Errorf(".env.example sets %s, which the server does not read", k)
		}
	}
	for _, k := range append(slices.Collect(maps.Keys(defaults)), secretKeys...) {
		if !slices.Contains(Keys, k) {
			t.Errorf("Keys lacks %s", k)
		}
	}
}
