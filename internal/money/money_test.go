package money

import "testing"

func TestIncludedTax(t *testing.T) {
	tests := []struct {
		total Cents
		want  Cents
	}{
		{1000, 91},
		{1500, 136},
		{3400, 309},
		{4100, 373},
		{350, 32},
		{0, 0},
		{5, 0},
		{6, 1},
	}
	for _, tt := range tests {
		if got := IncludedTax(tt.total, 10); got != tt.want {
			t.Errorf("IncludedTax(%v) = %v, want %v", tt.total, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	good := map[string]Cents{"17": 1700, "17.5": 1750, "17.50": 1750, "0.05": 5, "3.50": 350}
	for in, want := range good {
		got, err := Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "1.234", "1.", ".5", "1e3", "abc", "$5", " 5", "99999999"} {
		if _, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) succeeded, want error", in)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		c           Cents
		str, spoken string
		dollars     float64
	}{
		{1750, "$17.50", "$17.50", 17.5},
		{1700, "$17.00", "$17", 17},
		{5, "$0.05", "$0.05", 0.05},
		{-5, "-$0.05", "-$0.05", -0.05},
	}
	for _, tt := range tests {
		if got := tt.c.String(); got != tt.str {
			t.Errorf("String(%d) = %q, want %q", tt.c, got, tt.str)
		}
		if got := tt.c.Spoken(); got != tt.spoken {
			t.Errorf("Spoken(%d) = %q, want %q", tt.c, got, tt.spoken)
		}
		if got := tt.c.Dollars(); got != tt.dollars {
			t.Errorf("Dollars(%d) = %v, want %v", tt.c, got, tt.dollars)
		}
	}
}
