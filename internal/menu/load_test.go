package menu

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/money"
)

func TestLoad_ShippedMenu(t *testing.T) {
	m := mustLoad(t, shippedMenu)
	s := m.Shop()
	if s.Name != "Kebabalab St Kilda" || s.Address != "1/99 Carlisle St, St Kilda VIC 3182" ||
		s.Phone != "+61395345588" {
		t.Errorf("got shop %q, %q, %q", s.Name, s.Address, s.Phone)
	}
	if got := s.Location.String(); got != "Australia/Melbourne" {
		t.Errorf("got location %s, want Australia/Melbourne", got)
	}
	if s.GSTPercent != 10 {
		t.Errorf("got GST %d%%, want 10%%", s.GSTPercent)
	}
	want := []string{"kebabs", "hsp", "gozleme", "chips", "drinks", "sweets",
		"meat_containers", "sauce_tubs", "extras"}
	cats := m.Categories()
	if len(cats) != len(want) {
		t.Fatalf("got %d categories, want %d", len(cats), len(want))
	}
	for i, c := range cats {
		if c.ID != want[i] {
			t.Errorf("category %d: got %s, want %s", i, c.ID, want[i])
		}
	}
}

func TestLoad_Errors(t *testing.T) {
	t.Run("ErrNotExist", func(t *testing.T) {
		_, err := Load("testdata/no-such-menu.json")
		if !errors.Is(err, os.ErrNotExist) {
			t.Errorf("got %v, want an error wrapping os.ErrNotExist", err)
		}
	})
	t.Run("syntax error with line and column", func(t *testing.T) {
		_, err := Load("testdata/syntax_error.json")
		probs := problemsOf(t, err)
		want := "not valid JSON at line 5, column 5: invalid character '\"' after object key:value pair"
		if len(probs) != 1 || probs[0].String() != want {
			t.Errorf("got %v, want [%s]", probs, want)
		}
	})
	t.Run("empty file", func(t *testing.T) {
		_, err := Parse(nil)
		if probs := problemsOf(t, err); len(probs) != 1 {
			t.Errorf("got %v, want one problem", probs)
		}
	})
}

// TestMenu_BasePrices reads every price of SPEC §5 through the lookups the
// cart uses, by the words a caller or a tool call would give.
func TestMenu_BasePrices(t *testing.T) {
	m := mustLoad(t, shippedMenu)
	tests := []struct {
		category, item, size string
		want                 money.Cents
	}{
		{"kebabs", "kebab", "small", 1000},
		{"kebabs", "kebab", "large", 1500},
		{"hsp", "hsp", "small", 1500},
		{"hsp", "halal snack pack", "large", 2000},
		{"gozleme", "gozleme", "", 1500},
		{"chips", "chips", "small", 500},
		{"chips", "chips", "large", 900},
		{"chips", "chips with cheese and sauce", "small", 600},
		{"chips", "cheesy_chips", "large", 1000},
		{"drinks", "can", "", 350},
		{"drinks", "water", "", 300},
		{"drinks", "ayran", "", 350},
		{"drinks", "şalgam", "", 350},
		{"drinks", "energy drink", "", 350},
		{"drinks", "iced tea", "", 450},
		{"sweets", "baklava", "", 300},
		{"sweets", "baklava pack", "", 1000},
		{"sweets", "turkish delight", "", 100},
		{"meat_containers", "meat container", "250g", 1300},
		{"meat_containers", "meat container", "500g", 2000},
		{"sauce_tubs", "sauce tub", "", 100},
		{"extras", "takeaway box", "", 200},
		{"extras", "cutlery set", "", 100},
		{"extras", "container", "", 100},
		{"extras", "napkins", "", 50},
		{"extras", "forks", "", 50},
		{"extras", "carry bag", "", 50},
		{"extras", "plates", "", 50},
	}
	for _, tt := range tests {
		t.Run(tt.item+" "+tt.size, func(t *testing.T) {
			c, ok := m.Category(tt.category)
			if !ok {
				t.Fatalf("no category %s", tt.category)
			}
			it, ok := c.Item(tt.item)
			if !ok {
				t.Fatalf("no item %q in %s", tt.item, tt.category)
			}
			got, ok := it.PriceFor(tt.size)
			if !ok || got != tt.want {
				t.Errorf("got %v (ok %t), want %v", got, ok, tt.want)
			}
		})
	}
}

func TestMenu_Meal(t *testing.T) {
	m := mustLoad(t, shippedMenu)
	tests := []struct {
		category, size, chips string
		want                  money.Cents
	}{
		{"kebabs", "small", "small", 1700},
		{"kebabs", "small", "large", 2000},
		{"kebabs", "large", "small", 2200},
		{"kebabs", "large", "large", 2500},
		{"kebabs", "small", NoChips, 1200},
		{"kebabs", "large", NoChips, 1700},
		{"hsp", "small", NoChips, 1700},
		{"hsp", "large", NoChips, 2200},
		{"gozleme", "", "small", 2300},
	}
	for _, tt := range tests {
		t.Run(tt.category+" "+tt.size+" "+tt.chips, func(t *testing.T) {
			meal, ok := m.Meal(tt.category, tt.size, tt.chips)
			if !ok {
				t.Fatal("no meal")
			}
			if meal.Price != tt.want {
				t.Errorf("got %v, want %v", meal.Price, tt.want)
			}
		})
	}
	for _, key := range [][3]string{{"hsp", "small", "small"}, {"drinks", "", "small"},
		{"gozleme", "", NoChips}, {"kebabs", "medium", "small"}} {
		if meal, ok := m.Meal(key[0], key[1], key[2]); ok {
			t.Errorf("Meal%v: got %s, want none", key, meal.ID)
		}
	}
}

func TestMenu_MealParts(t *testing.T) {
	m := mustLoad(t, shippedMenu)
	d := m.MealDrink()
	if d.Item.ID != "can" || d.Option.ID != "brand" || d.Default.ID != "coke" {
		t.Errorf("got meal drink %s %s %s, want can brand coke", d.Item.ID, d.Option.ID,
			d.Default.ID)
	}
	if got := m.MealChips().ID; got != "chips" {
		t.Errorf("got meal chips %s, want chips", got)
	}
	if got := m.DefaultSalt().ID; got != "chicken" {
		t.Errorf("got default salt %s, want chicken", got)
	}
}

func TestShop_ReadyMinutes(t *testing.T) {
	s := mustLoad(t, shippedMenu).Shop()
	for lines, want := range map[int]int{-3: 15, 0: 15, 1: 17, 7: 29, 8: 30, 30: 30,
		1 << 62: 30} {
		if got := s.ReadyMinutes(lines); got != want {
			t.Errorf("ReadyMinutes(%d): got %d, want %d", lines, got, want)
		}
	}
}

func TestShop_Location(t *testing.T) {
	s := mustLoad(t, shippedMenu).Shop()
	// 1 January is summer time in Melbourne: UTC+11.
	_, offset := time.Date(2026, 1, 1, 12, 0, 0, 0, s.Location).Zone()
	if offset != 11*3600 {
		t.Errorf("got offset %d, want %d", offset, 11*3600)
	}
}

// FuzzParse checks that no file, however damaged, makes Parse panic, and
// that it always returns either a menu or problems.
func FuzzParse(f *testing.F) {
	for _, path := range []string{minimalMenu, "testdata/several_problems.json",
		"testdata/syntax_error.json"} {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"shop": {"hours": {"monday": {"open": "23:00", "close": "01:00"}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data)
		if (m == nil) == (err == nil) {
			t.Fatalf("got menu %v and error %v, want exactly one", m != nil, err)
		}
		if err != nil {
			problemsOf(t, err)
		}
	})
}
