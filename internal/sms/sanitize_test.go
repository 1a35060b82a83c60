package sms

import (
	"strings"
	"testing"
	"unicode"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"notes with control characters", "extra\nnapkins\tplease", "extra napkins please"},
		{"whitespace collapsed and trimmed", "  two \r\n\r\n  words  ", "two words"},
		{"other control characters", "a\x00b\x1bc\x7fd", "a b c d"},
		{"accents folded", "José Ñúñez Ærø Łódź", "Jose Nunez AEro Lodz"},
		{"combining accent dropped", "Jose\u0301", "Jose"},
		{"smart punctuation", "O’Brien said “hi” – twice…", `O'Brien said "hi" - twice...`},
		{"backtick", "`rm -rf`", "'rm -rf'"},
		{"emoji removed", "Sam 🌯🔥 please", "Sam please"},
		{"emoji inside a word", "ke😀bab", "kebab"},
		{"other scripts removed", "Zhang 张伟", "Zhang"},
		{"zero-width and bidi controls", "Sa\u200bm\u202e", "Sam"},
		{"unicode spaces", "a\u00a0b\u2003c\u2028d", "a b c d"},
		{"gsm symbols kept", "£5 or €6 [x] {y} ~ ^ |", "£5 or €6 [x] {y} ~ ^ |"},
		{"markup kept as text", "<b>hi</b>", "<b>hi</b>"},
		{"http link", "see http://x.y now", "see x[.]y now"},
		{"https link with path", "https://evil.example.com/login?a=b",
			"evil[.]example[.]com/login?a=b"},
		{"upper-case scheme", "HTTPS://EVIL.COM", "EVIL[.]COM"},
		{"www link", "www.evil.com", "www[.]evil[.]com"},
		{"bare host", "visit evil.com!", "visit evil[.]com!"},
		{"short link", "bit.ly/abc", "bit[.]ly/abc"},
		{"email address", "me@evil.com", "me@evil[.]com"},
		{"nested schemes", "http://https://x.y", "x[.]y"},
		{"scheme only", "a :// b", "a b"},
		{"initials are not links", "J.R. Smith", "J.R. Smith"},
		{"prices are not links", "$12.50 each", "$12.50 each"},
		{"sentence end", "No onion. Thanks", "No onion. Thanks"},
		{"empty", "", ""},
		{"only emoji", "🌯", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// checkGSMText fails unless s is GSM-7 with no control characters and no
// leading, trailing or doubled spaces.
func checkGSMText(t *testing.T, in, s string) {
	t.Helper()
	for _, r := range s {
		if septets(r) == 0 || unicode.IsControl(r) {
			t.Fatalf("Sanitize(%q) = %q holds %U", in, s, r)
		}
	}
	if strings.TrimSpace(s) != s || strings.Contains(s, "  ") {
		t.Fatalf("Sanitize(%q) = %q: whitespace not collapsed", in, s)
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"extra\nnapkins\tplease", "José O'Brien-Smith", "'); DROP TABLE orders;--",
		"http://x.y", "www.evil.com", "a://b.c://d", "🌯 ke\u200bbab", "J.R.R.", "x.[.]y",
		"www.", "ab.c.d", "http://http://x", "\u202eevil.com", "…“”", "evil。com",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Sanitize(s)
		checkGSMText(t, s, got)
		if again := Sanitize(got); again != got {
			t.Fatalf("Sanitize not idempotent: %q → %q → %q", s, got, again)
		}
		if strings.Contains(got, "://") {
			t.Fatalf("Sanitize(%q) = %q keeps a scheme", s, got)
		}
	})
}
