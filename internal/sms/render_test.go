package sms

import (
	"fmt"
	"strings"
	"testing"
)

func sampleText() Order {
	return Order{
		ShopName:    "Kebabalab",
		OrderNumber: "20260821-007",
		FirstName:   "Sam",
		Lines:       []string{"2x Large Lamb Kebab (garlic, chilli)", "1x Small Chips"},
		Total:       3900,
		GST:         355,
		ReadyAt:     "6:30 PM",
		Notes:       "extra napkins",
	}
}

func TestCustomerText(t *testing.T) {
	got := CustomerText(sampleText())
	want := "Kebabalab: thanks Sam, order #007 is confirmed. " +
		"2x Large Lamb Kebab (garlic, chilli), 1x Small Chips. Total $39.00. " +
		"Ready for pickup 6:30 PM. Ref 20260821-007"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestShopText(t *testing.T) {
	got := ShopText(sampleText())
	want := "Kebabalab NEW ORDER #007 for Sam, ready 6:30 PM. " +
		"2x Large Lamb Kebab (garlic, chilli), 1x Small Chips. Total $39.00. " +
		"Notes: extra napkins. Ref 20260821-007"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestReceiptText(t *testing.T) {
	got := ReceiptText(sampleText())
	want := "Kebabalab receipt, order #007 (20260821-007): " +
		"2x Large Lamb Kebab (garlic, chilli), 1x Small Chips. " +
		"Total $39.00 incl. GST $3.55. Ready 6:30 PM."
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestMenuLinkText(t *testing.T) {
	got := MenuLinkText("Kebabalab", " https://kebabalab.example/menu\n")
	want := "Kebabalab menu: https://kebabalab.example/menu Call us back to order."
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestTexts_HostileInput(t *testing.T) {
	o := Order{
		ShopName:    "Kebabalab 🌯",
		OrderNumber: "20260821-012",
		FirstName:   "José\nhttp://evil.com",
		Lines:       []string{"1x Gözleme — spinach & cheese"},
		Total:       1500,
		ReadyAt:     "6:30\tPM",
		Notes:       "call me at www.evil.com\x00",
	}
	for name, text := range map[string]string{
		"customer": CustomerText(o), "shop": ShopText(o), "receipt": ReceiptText(o),
	} {
		t.Run(name, func(t *testing.T) {
			checkGSMText(t, name, text)
			for _, bad := range []string{"evil.com", "http", "\n", "\t"} {
				if strings.Contains(text, bad) {
					t.Errorf("text %q holds %q", text, bad)
				}
			}
			if !strings.Contains(text, "Gozleme - spinach & cheese") {
				t.Errorf("text %q lost the item", text)
			}
		})
	}
}

func TestTexts_LongCartsSummarised(t *testing.T) {
	o := sampleText()
	o.FirstName = "Bartholomew-Alexander the Third of Footscray"
	o.Notes = strings.Repeat("please cut it in half and wrap it well ", 10)
	o.Lines = nil
	for i := range 20 {
		o.Lines = append(o.Lines, fmt.Sprintf("1x Large Mixed Kebab number %d (garlic, bbq)", i+1))
	}
	tests := []struct {
		name   string
		text   string
		budget int
	}{
		{"customer", CustomerText(o), customerSegments},
		{"shop", ShopText(o), shopSegments},
		{"receipt", ReceiptText(o), shopSegments},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := Segments(tt.text); n > tt.budget {
				t.Errorf("got %d segments, want at most %d: %q", n, tt.budget, tt.text)
			}
			if !strings.Contains(tt.text, "more items.") {
				t.Errorf("text %q does not summarise the cart", tt.text)
			}
			if !strings.Contains(tt.text, "(garlic, bbq)") {
				t.Errorf("text %q lists no whole item", tt.text)
			}
			if !strings.Contains(tt.text, "$39.00") || !strings.Contains(tt.text, "#007") {
				t.Errorf("text %q lost the total or number", tt.text)
			}
		})
	}
}

func TestClip(t *testing.T) {
	tests := []struct {
		name string
		in   string
		n    int
		want string
	}{
		{"short", "Sam", 20, "Sam"},
		{"at a word", "Bartholomew Alexander Smith", 20, "Bartholomew..."},
		{"one long word", "Bartholomewalexandersmith", 10, "Barthol..."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clip(tt.in, tt.n); got != tt.want {
				t.Errorf("clip(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
		})
	}
}
