package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestParseLevels(t *testing.T) {
	got, err := parseLevels("1, 10,100")
	if err != nil || !slices.Equal(got, []int{1, 10, 100}) {
		t.Fatalf("got %v, %v", got, err)
	}
	for _, bad := range []string{"", "0", "1,x", "-5"} {
		if _, err := parseLevels(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestRecipe(t *testing.T) {
	mk := filepath.Join(t.TempDir(), "Makefile")
	err := os.WriteFile(mk, []byte("GO ?= go\n\nbench:\n\tmkdir -p OUT\n"+
		"\t$(GO) test -run '^$$' $(PKGS)\n\t@echo done\n\nfuzz:\n\t./fuzz.sh\n"), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	got := recipe(mk, "bench")
	want := []string{"make bench   # which runs:", "mkdir -p OUT",
		"go test -run '^$' ./...", "echo done"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// The baseline mode refuses an unknown kind instead of serving nothing.
func TestRun_UnknownBaseline(t *testing.T) {
	if code := run(t.Context(), []string{"-serve-baseline", "nope"}, os.Stdout,
		os.Stderr); code != 2 {
		t.Fatalf("exit code %d, want 2", code)
	}
}
