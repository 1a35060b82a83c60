package sqlite

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/pii"
)

func openWith(t *testing.T, path string, keys *pii.Keyring) *Store {
	t.Helper()
	s, err := Open(context.Background(), path,
		WithClock(clock.Fixed(shopZone, lunchtime).Now), WithPII(keys),
		WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// rotated has encryption keys 1 and 2 and index keys 1 and 2.
func rotated(t *testing.T) *pii.Keyring {
	t.Helper()
	k, err := pii.NewKeyring([]pii.Key{fixedKey(1, 'e'), fixedKey(2, 'e')},
		[]pii.Key{fixedKey(1, 'i'), fixedKey(2, 'i')})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// prefixes returns the distinct key prefixes of a column.
func prefixes(t *testing.T, s *Store, table, column string) string {
	t.Helper()
	rows, err := s.read.Query(`SELECT DISTINCT substr(` + column + `, 1, 3) FROM ` + table +
		` ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		rows.Scan(&p)
		out = append(out, p)
	}
	return strings.Join(out, ",")
}

func TestStore_RotationWithTwoKeys(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orders.db")
	s := openWith(t, path, testKeys(t))
	for i := range 5 {
		n := canaryOrder(fmt.Sprint("call-", i), fmt.Sprint("tool-", i))
		mustCreate(t, s, n, canaryTexts())
	}
	s.Close()

	// Key 2 joins: old rows still read and are found by phone, new rows
	// are sealed and indexed under key 2.
	s = openWith(t, path, rotated(t))
	if o, err := s.LastOrderByPhone(ctx, canaryPhone); err != nil || o.DaySeq != 5 {
		t.Fatalf("before rekey: got %+v, %v", o, err)
	}
	fresh := mustCreate(t, s, canaryOrder("call-new", "tool-new"), nil)
	if got := prefixes(t, s, "orders", "customer_name"); got != "k1:,k2:" {
		t.Fatalf("name prefixes %s, want k1: for old rows and k2: for the new one", got)
	}
	if n, err := s.CountOrdersByPhone(ctx, canaryPhone); err != nil || n != 6 {
		t.Fatalf("CountOrdersByPhone across index keys: got %d, %v; want 6", n, err)
	}

	var batches int
	r, err := s.Rekey(ctx, 2, func(Rekeyed) { batches++ })
	if err != nil {
		t.Fatal(err)
	}
	if r.Orders != 5 || r.Texts != 10 || r.Failed != 0 || r.Remaining != 0 || batches < 5 {
		t.Fatalf("Rekey: got %+v in %d batches; want 5 orders, 10 texts, none left", r, batches)
	}
	for _, c := range []struct{ table, column, want string }{
		{"orders", "customer_name", "k2:"}, {"orders", "phone", "k2:"},
		{"orders", "notes", "k2:"}, {"orders", "phone_bidx", "i2:"},
		{"sms_outbox", "to_number", "k2:"}, {"sms_outbox", "body", "k2:"},
		{"sms_outbox", "to_bidx", "i2:"},
	} {
		if got := prefixes(t, s, c.table, c.column); got != c.want {
			t.Errorf("%s.%s prefixes %s, want %s", c.table, c.column, got, c.want)
		}
	}
	if again, err := s.Rekey(ctx, 2, nil); err != nil || again.Orders+again.Texts != 0 {
		t.Errorf("second rekey: got %+v, %v; want nothing to do", again, err)
	}
	s.Close()

	// Key 1 can now be retired; every row reads and is found with key 2
	// alone, and a keyring without key 2 is refused.
	only2, _ := pii.NewKeyring([]pii.Key{fixedKey(2, 'e')}, []pii.Key{fixedKey(2, 'i')})
	s = openWith(t, path, only2)
	if o, err := s.LastOrderByPhone(ctx, canaryPhone); err != nil || o.ID != fresh.ID ||
		o.CustomerName != canaryName {
		t.Fatalf("after retiring key 1: got %+v, %v", o, err)
	}
	for i := 1; i <= 6; i++ {
		if _, err := s.OrderByNumber(ctx, orderNumber("20260821", i)); err != nil {
			t.Errorf("order %d: %v", i, err)
		}
	}
	s.Close()
	if _, err := Open(ctx, path, WithPII(testKeys(t))); !errors.As(err, new(*KeyError)) {
		t.Errorf("opening with key 1 only: got %v, want a KeyError", err)
	}
}

func TestStore_RekeyCountsRowsItCannotRead(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orders.db")
	s := openWith(t, path, testKeys(t))
	o := mustCreate(t, s, canaryOrder("call-1", "tool-1"), nil)
	mustCreate(t, s, sampleOrder("call-2", "tool-2"), nil)
	setColumn(t, s, "orders", "notes", o.ID, "k1:AAAA")
	s.Close()

	s = openWith(t, path, rotated(t))
	r, err := s.Rekey(ctx, 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Orders != 1 || r.Failed != 1 || r.Remaining != 1 {
		t.Fatalf("got %+v, want one order moved, one failed and left", r)
	}
}

func TestStore_RekeyNeedsKeys(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "orders.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Rekey(context.Background(), 10, nil); err == nil {
		t.Fatal("got nil error from a store without keys")
	}
}
