package sqlite

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/money"
	"github.com/kebabalab/kebabalab/internal/pii"
)

// shopZone stands in for the shop's zone without needing tzdata.
var shopZone = time.FixedZone("AEST", 10*60*60)

// lunchtime is 21 August 2026, 12:00 shop time.
var lunchtime = time.Date(2026, 8, 21, 12, 0, 0, 0, shopZone)

// mustOpen opens a store on a new file in a temporary directory, with a
// fixed clock at lunchtime that the test may move.
func mustOpen(t *testing.T) (*Store, *clock.Clock) {
	t.Helper()
	clk := clock.Fixed(shopZone, lunchtime)
	s := mustOpenPath(t, filepath.Join(t.TempDir(), "orders.db"), clk)
	return s, clk
}

func mustOpenPath(t *testing.T, path string, clk *clock.Clock) *Store {
	t.Helper()
	s, err := Open(context.Background(), path, WithClock(clk.Now), WithPII(testKeys(t)),
		WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// sampleOrder is an order from a call with an ACMA fictitious mobile.
func sampleOrder(callID, toolCallID string) NewOrder {
	return NewOrder{
		CallID:          callID,
		ToolCallID:      toolCallID,
		CartFingerprint: "fp-" + toolCallID,
		CustomerName:    "Sam",
		Phone:           "+61491570006",
		Notes:           "extra napkins",
		Lines: []Line{
			{ItemName: "Lamb Kebab", Options: "large, garlic, chilli", Quantity: 2,
				UnitPrice: 1650, LineTotal: 3300, Detail: `{"id":"kebab"}`},
			{ItemName: "Chips", Options: "small, chicken salt", Quantity: 1,
				UnitPrice: 600, LineTotal: 600, Detail: `{"id":"chips"}`},
		},
		Total:   3900,
		GST:     money.IncludedTax(3900, 10),
		ReadyAt: lunchtime.Add(20 * time.Minute),
	}
}

// confirmations are the two texts an order queues; their bodies quote the
// allocated number.
func confirmations() []NewSMS {
	render := func(o Order) string { return "Order " + o.DisplayNumber() + " ref " + o.Number }
	return []NewSMS{
		{Kind: KindOrderCustomer, To: "+61491570006", Render: render},
		{Kind: KindOrderShop, To: "+61491570156", Render: render},
	}
}

func mustCreate(t *testing.T, s *Store, n NewOrder, msgs []NewSMS) Order {
	t.Helper()
	o, created, err := s.CreateOrder(context.Background(), n, msgs)
	if err != nil {
		t.Fatalf("CreateOrder(%s): %v", n.ToolCallID, err)
	}
	if !created {
		t.Fatalf("CreateOrder(%s): got created false, want true", n.ToolCallID)
	}
	return o
}

// count returns the number of rows in a table of this package's schema.
func count(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	err := s.read.QueryRow(fmt.Sprintf("SELECT COUNT(*) FROM %s", table)).Scan(&n)
	if err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// keyring builds a keyring from fixed keys: encryption keys of the given
// ids and one index key. The same ids always give the same secrets, so a
// database can be reopened, by this process or a child, with the same keys.
func keyring(t testing.TB, encIDs ...int) *pii.Keyring {
	t.Helper()
	var enc []pii.Key
	for _, id := range encIDs {
		enc = append(enc, fixedKey(id, 'e'))
	}
	k, err := pii.NewKeyring(enc, []pii.Key{fixedKey(1, 'i')})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// testKeys is the keyring most tests use: encryption key 1, index key 1.
func testKeys(t testing.TB) *pii.Keyring { return keyring(t, 1) }

func fixedKey(id int, kind byte) pii.Key {
	return pii.Key{ID: id, Secret: []byte(strings.Repeat(string(rune(kind+byte(id))), 32))}
}
