package sms

import (
	"strings"
	"testing"
	"unicode/utf16"
)

func TestSegments(t *testing.T) {
	tests := []struct {
		name string
		body string
		want int
	}{
		{"empty", "", 0},
		{"one character", "a", 1},
		{"160 gsm", strings.Repeat("a", 160), 1},
		{"161 gsm", strings.Repeat("a", 161), 2},
		{"306 gsm", strings.Repeat("a", 306), 2},
		{"307 gsm", strings.Repeat("a", 307), 3},
		{"dollar is basic", strings.Repeat("$", 160), 1},
		{"80 extension characters", strings.Repeat("€", 80), 1},
		{"81 extension characters", strings.Repeat("[", 81), 2},
		{"escape pair not split", strings.Repeat("a", 152) + "{" + strings.Repeat("a", 8), 2},
		{"escape pair pushed to the next part",
			strings.Repeat("a", 152) + "{" + strings.Repeat("a", 152), 3},
		{"one curly quote makes ucs-2", strings.Repeat("a", 69) + "’", 1},
		{"71 ucs-2", strings.Repeat("a", 70) + "’", 2},
		{"134 ucs-2", strings.Repeat("a", 133) + "’", 2},
		{"135 ucs-2", strings.Repeat("a", 134) + "’", 3},
		{"35 emoji", strings.Repeat("🌯", 35), 1},
		{"surrogate pair not split", strings.Repeat("a", 66) + "🌯" + strings.Repeat("a", 5), 2},
		{"surrogate pair pushed", strings.Repeat("a", 66) + "🌯" + strings.Repeat("a", 66), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Segments(tt.body); got != tt.want {
				t.Errorf("Segments(%d chars) = %d, want %d", len([]rune(tt.body)), got, tt.want)
			}
		})
	}
}

// naiveSegments divides without packing: a lower bound on the real count.
func naiveSegments(body string) int {
	if body == "" {
		return 0
	}
	total, gsm := 0, true
	for _, r := range body {
		c := refSeptets(r)
		if c == 0 {
			gsm = false
			break
		}
		total += c
	}
	if gsm {
		return ceilParts(total, 160, 153)
	}
	return ceilParts(len(utf16.Encode([]rune(body))), 70, 67)
}

// refSeptets restates the GSM-7 table independently of gsm.go.
func refSeptets(r rune) int {
	const ext = "\f^{}\\[~]|€"
	const basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./:;<=>?¡§¿ÄÖÑÜäöñüà"
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return 1
	case strings.ContainsRune(basic, r):
		return 1
	case strings.ContainsRune(ext, r):
		return 2
	}
	return 0
}

func ceilParts(n, single, part int) int {
	if n <= single {
		return 1
	}
	return (n + part - 1) / part
}

func FuzzSegments(f *testing.F) {
	for _, s := range []string{
		"", "a", strings.Repeat("a", 161), strings.Repeat("{", 90), "’", "🌯🌯",
		strings.Repeat("a", 152) + "€", "\x00", "\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, floor := Segments(s), naiveSegments(s)
		if got < floor {
			t.Fatalf("Segments(%q) = %d, under the plain count %d", s, got, floor)
		}
		if got > floor+floor/2+1 {
			t.Fatalf("Segments(%q) = %d, far over the plain count %d", s, got, floor)
		}
	})
}
