package menu

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"lower case and trim", "  Large KEBAB ", "large kebab"},
		{"umlaut", "Gözleme", "gozleme"},
		{"cedilla", "ŞALGAM", "salgam"},
		{"dotless and dotted i", "KIRMIZI İsot", "kirmizi isot"},
		{"tilde", "Jalapeños", "jalapenos"},
		{"letter without accent mark", "Smørrebrød", "smorrebrod"},
		{"hyphen", "coca-cola", "coca cola"},
		{"underscore in an id", "sweet_chilli", "sweet chilli"},
		{"apostrophe dropped", "I'd like", "id like"},
		{"curly apostrophe dropped", "I’ll have", "ill have"},
		{"punctuation and spaces collapse", "chips,  with cheese & sauce!", "chips with cheese sauce"},
		{"digits kept", "250g", "250g"},
		{"nothing left", " !? ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
