package phone

import (
	"errors"
	"regexp"
	"testing"
)

// The numbers below are ACMA fictitious numbers (0491 570 xxx mobiles and
// 0x 5550 xxxx landlines) so that no test can reach a real person.

func TestNormalize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"national mobile with spaces", "0491 570 006", "+61491570006"},
		{"national mobile bare", "0491570156", "+61491570156"},
		{"dashes", "0491-570-157", "+61491570157"},
		{"dots", "0491.570.158", "+61491570158"},
		{"brackets", "(0491) 570 159", "+61491570159"},
		{"tabs and padding", "\t 0491 570 110 \n", "+61491570110"},
		{"plus sixty-one", "+61 491 570 313", "+61491570313"},
		{"plus sixty-one trunk marker", "+61 (0)491 570 737", "+61491570737"},
		{"plus sixty-one stray zero", "+61 0491 571 266", "+61491571266"},
		{"sixty-one without plus", "61491570006", "+61491570006"},
		{"sixty-one stray zero without plus", "610491570006", "+61491570006"},
		{"australian idd", "0011 61 491 570 006", "+61491570006"},
		{"already e164", "+61491570006", "+61491570006"},
		{"sydney landline", "(02) 5550 1234", "+61255501234"},
		{"melbourne landline", "03 7010 1234", "+61370101234"},
		{"brisbane landline", "07 5550 9876", "+61755509876"},
		{"perth landline", "+61 8 5550 4321", "+61855504321"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(tt.in)
			if err != nil {
				t.Fatalf("Normalize(%q): unexpected error %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalize_Refusals(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"empty", "", ErrEmpty},
		{"blank", "   ", ErrEmpty},
		{"separators only", "- . ()", ErrEmpty},
		{"letters", "call me maybe", ErrNotAustralian},
		{"extension", "0491 570 006 ext 2", ErrNotAustralian},
		{"plus in the middle", "0491+570006", ErrNotAustralian},
		{"new zealand", "+64 21 555 0123", ErrNotAustralian},
		{"united states", "+1 212 555 0100", ErrNotAustralian},
		{"0061 written form", "0061 491 570 006", ErrNotAustralian},
		{"idd to another country", "0011 44 20 7946 0000", ErrNotAustralian},
		{"unknown range", "0691 570 006", ErrNotAustralian},
		{"13 number", "13 12 34", ErrServiceNumber},
		{"1300 number", "1300 555 123", ErrServiceNumber},
		{"1800 number", "1800 555 123", ErrServiceNumber},
		{"190 premium", "1900 555 123", ErrServiceNumber},
		{"1300 after country code", "+61 1300 555 123", ErrServiceNumber},
		{"05 not issued", "0550 123 456", ErrNotIssued},
		{"mobile too long", "04123456789", ErrLength},
		{"mobile too short", "0491 570 00", ErrLength},
		{"missing trunk zero", "491 570 006", ErrLength},
		{"e164 too long", "+614915700061", ErrLength},
		{"country code only", "+61", ErrLength},
		{"huge input", "0491 570 006" + string(make([]byte, 100)), ErrLength},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Normalize(%q) = %q, %v; want error %v", tt.in, got, err, tt.want)
			}
			var pe *Error
			if !errors.As(err, &pe) || pe.Prompt == "" {
				t.Errorf("error %v carries no prompt for the caller", err)
			}
		})
	}
}

func TestNormalize_SameCustomer(t *testing.T) {
	a, errA := Normalize("0412 345 678")
	b, errB := Normalize("+61412345678")
	if errA != nil || errB != nil {
		t.Fatalf("unexpected errors %v, %v", errA, errB)
	}
	if a != b {
		t.Errorf("got %q and %q, want the same number", a, b)
	}
}

func TestError_HidesNumber(t *testing.T) {
	_, err := Normalize("+64 21 555 0123")
	if err == nil {
		t.Fatal("got nil error, want a refusal")
	}
	if regexp.MustCompile(`\d{3}`).MatchString(err.Error()) {
		t.Errorf("error %q shows digits of the number", err)
	}
}

func TestIsMobile(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"mobile", "+61491570006", true},
		{"landline", "+61255501234", false},
		{"national form", "0491570006", false},
		{"too short", "+6149157000", false},
		{"too long", "+614915700061", false},
		{"letters", "+6149157000x", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsMobile(tt.in); got != tt.want {
				t.Errorf("IsMobile(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestLast3(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"e164", "+61491570006", "006"},
		{"three digits", "123", "123"},
		{"too short", "12", ""},
		{"not digits", "+6149157000x", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Last3(tt.in); got != tt.want {
				t.Errorf("Last3(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

var e164 = regexp.MustCompile(`^\+61\d{9}$`)

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"0491 570 006", "+61 (0)491 570 737", "0011 61 491 570 006", "610491570006",
		"(02) 5550 1234", "1300 555 123", "+64 21 555 0123", "", "+", "(0)", "0011",
		"+61 0", "٠٤٩١٥٧٠٠٠٦", "0491\u00a0570\u00a0006",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Normalize(s)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || pe.Prompt == "" {
				t.Fatalf("Normalize(%q) error %v is not a *Error with a prompt", s, err)
			}
			return
		}
		if !e164.MatchString(got) {
			t.Fatalf("Normalize(%q) = %q, want +61 and nine digits", s, got)
		}
		again, err := Normalize(got)
		if err != nil || again != got {
			t.Fatalf("Normalize(%q) = %q, %v; want %q unchanged", got, again, err, got)
		}
	})
}
