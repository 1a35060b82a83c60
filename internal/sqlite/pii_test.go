package sqlite

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/pii"
)

// Canary details: if any of these bytes is found in a database file, a
// customer's details were written in the clear.
const (
	canaryName  = "Zz-Canary-⚑"
	canaryPhone = "+61491570006"
	canaryNotes = "Zz-Note-canary"
)

var canaries = []string{canaryName, "Zz-Canary", canaryPhone, "491570006", canaryNotes}

// canaryOrder is sampleOrder with the canary details.
func canaryOrder(callID, toolCallID string) NewOrder {
	n := sampleOrder(callID, toolCallID)
	n.CustomerName, n.Phone, n.Notes = canaryName, canaryPhone, canaryNotes
	return n
}

// canaryTexts are the confirmations of a canary order, quoting the name.
func canaryTexts() []NewSMS {
	render := func(o Order) string { return "Thanks " + o.CustomerName + ", " + o.Number }
	return []NewSMS{
		{Kind: KindOrderCustomer, To: canaryPhone, Render: render},
		{Kind: KindOrderShop, To: "+61491570156", Render: render},
	}
}

// assertNoCanary fails if any file that exists among paths holds a canary;
// it returns how many of the files existed.
func assertNoCanary(t *testing.T, paths ...string) int {
	t.Helper()
	found := 0
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		found++
		for _, c := range canaries {
			if bytes.Contains(b, []byte(c)) {
				t.Errorf("%s holds %q in the clear", filepath.Base(p), c)
			}
		}
	}
	return found
}

func TestStore_FilesHoldNoPlaintext(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orders.db")
	s := mustOpenPath(t, path, clock.Fixed(shopZone, lunchtime))
	o := mustCreate(t, s, canaryOrder("call-1", "tool-1"), canaryTexts())
	mustEnqueue(t, s, NewSMS{Kind: KindReceipt, To: canaryPhone, Body: "Receipt for " +
		canaryName})
	m, err := s.ClaimSMS(ctx, lunchtime, lease)
	if err != nil || m.To != canaryPhone || !strings.Contains(m.Body, canaryName) {
		t.Fatalf("ClaimSMS: got %+v, %v; want the canary's text in the clear", m, err)
	}
	got, err := s.LastOrderByPhone(ctx, canaryPhone)
	if err != nil || got.CustomerName != canaryName || got.Notes != canaryNotes ||
		got.ID != o.ID {
		t.Fatalf("LastOrderByPhone: got %+v, %v", got, err)
	}
	if n := assertNoCanary(t, path, path+"-wal"); n != 2 {
		t.Fatalf("scanned %d files, want the database and its WAL", n)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if _, err := Backup(ctx, path, backup); err != nil {
		t.Fatal(err)
	}
	assertNoCanary(t, backup)
}

// lease is a claim lease for tests that do not look at it.
const lease = 2 * time.Minute

// capture returns a logger writing JSON lines to a buffer.
func capture() (*slog.Logger, *bytes.Buffer) {
	var buf bytes.Buffer
	return slog.New(slog.NewJSONHandler(&buf, nil)), &buf
}

func TestStore_TamperedValueFailsThatRowOnly(t *testing.T) {
	ctx := context.Background()
	log, logs := capture()
	path := filepath.Join(t.TempDir(), "orders.db")
	s, err := Open(ctx, path, WithClock(clock.Fixed(shopZone, lunchtime).Now),
		WithPII(testKeys(t)), WithLogger(log))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	victim := mustCreate(t, s, canaryOrder("call-1", "tool-1"), nil)
	other := mustCreate(t, s, sampleOrder("call-2", "tool-2"), nil)

	columns := []string{"customer_name", "phone", "notes"}
	for _, column := range columns {
		t.Run(column, func(t *testing.T) {
			var sealed string
			query := `SELECT ` + column + ` FROM orders WHERE id = ?`
			if err := s.write.QueryRow(query, victim.ID).Scan(&sealed); err != nil {
				t.Fatal(err)
			}
			// Change one character in the middle of the ciphertext.
			b := []byte(sealed)
			b[len(b)/2] ^= 0x01
			setColumn(t, s, "orders", column, victim.ID, string(b))
			defer setColumn(t, s, "orders", column, victim.ID, sealed)

			_, err := s.OrderByNumber(ctx, victim.Number)
			var pe *PIIError
			if !errors.As(err, &pe) || !errors.Is(err, ErrUndecryptable) ||
				pe.RowID != victim.ID || pe.Column != column {
				t.Fatalf("got %v, want a PIIError for row %d", err, victim.ID)
			}
			if got, err := s.OrderByNumber(ctx, other.Number); err != nil ||
				got.CustomerName != "Sam" {
				t.Fatalf("another order: got %+v, %v", got, err)
			}
		})
	}
	out := logs.String()
	if !strings.Contains(out, `"row_id":1`) || !strings.Contains(out, "authentication_failed") {
		t.Errorf("the failure was not logged by row:\n%s", out)
	}
	for _, c := range canaries {
		if strings.Contains(out, c) {
			t.Errorf("the log holds %q:\n%s", c, out)
		}
	}
}

func setColumn(t *testing.T, s *Store, table, column string, id int64, v any) {
	t.Helper()
	// table and column come from the test itself, never from input.
	_, err := s.write.Exec(`UPDATE `+table+` SET `+column+` = ? WHERE id = ?`, v, id)
	if err != nil {
		t.Fatal(err)
	}
}

func TestStore_RowSwapIsDetected(t *testing.T) {
	ctx := context.Background()
	s, _ := mustOpen(t)
	victim := mustCreate(t, s, canaryOrder("call-1", "tool-1"), canaryTexts())
	attacker := sampleOrder("call-2", "tool-2")
	attacker.Phone, attacker.CustomerName = "+61491570157", "Mallory"
	mine := mustCreate(t, s, attacker, nil)

	// Someone with write access to the file copies the victim's sealed
	// name onto their own order, and the victim's phone index too.
	var name, bidx string
	err := s.write.QueryRow(`SELECT customer_name, phone_bidx FROM orders WHERE id = ?`,
		victim.ID).Scan(&name, &bidx)
	if err != nil {
		t.Fatal(err)
	}
	setColumn(t, s, "orders", "customer_name", mine.ID, name)
	if _, err := s.OrderByNumber(ctx, mine.Number); !errors.Is(err, ErrUndecryptable) {
		t.Fatalf("moved name: got %v, want ErrUndecryptable", err)
	}
	setColumn(t, s, "orders", "phone_bidx", mine.ID, bidx)
	got, err := s.LastOrderByPhone(ctx, canaryPhone)
	if err != nil || got.ID != victim.ID {
		t.Fatalf("victim's number: got order %d, %v; want only the victim's own, %d",
			got.ID, err, victim.ID)
	}

	// A text's sealed body moved to another text fails to decrypt: the
	// worker's claim marks it failed and goes on to the next one.
	recs, err := s.SMSRecordsForOrder(ctx, victim.ID)
	if err != nil || len(recs) != 2 {
		t.Fatalf("texts: %+v, %v", recs, err)
	}
	var body string
	if err := s.write.QueryRow(`SELECT body FROM sms_outbox WHERE id = ?`,
		recs[1].ID).Scan(&body); err != nil {
		t.Fatal(err)
	}
	setColumn(t, s, "sms_outbox", "body", recs[0].ID, body)
	m, err := s.ClaimSMS(ctx, lunchtime, lease)
	if err != nil || m.ID != recs[1].ID {
		t.Fatalf("ClaimSMS: got %+v, %v; want the intact text %d", m, err, recs[1].ID)
	}
	bad, err := s.SMSRecord(ctx, recs[0].ID)
	if err != nil || bad.Status != SMSFailed || bad.LastError != ReasonUndecryptable ||
		!bad.BodyUnreadable || bad.Body != "" {
		t.Fatalf("moved text: got %+v, %v; want failed %s", bad, err, ReasonUndecryptable)
	}
}

func TestOpen_RefusesWrongOrMissingKeys(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orders.db")
	clk := clock.Fixed(shopZone, lunchtime)
	s := mustOpenPath(t, path, clk)
	mustCreate(t, s, sampleOrder("call-1", "tool-1"), confirmations())
	s.Close()

	wrongEnc, _ := pii.NewKeyring([]pii.Key{fixedKey(1, 'x')}, []pii.Key{fixedKey(1, 'i')})
	wrongIdx, _ := pii.NewKeyring([]pii.Key{fixedKey(1, 'e')}, []pii.Key{fixedKey(1, 'x')})
	onlyTwo := keyring(t, 2)
	tests := []struct {
		name string
		keys *pii.Keyring
		want KeyError
	}{
		{"another encryption key under id 1", wrongEnc, KeyError{Kind: pii.Encryption, KeyID: 1}},
		{"another index key under id 1", wrongIdx, KeyError{Kind: pii.Index, KeyID: 1}},
		{"key 1 dropped while data needs it", onlyTwo,
			KeyError{Kind: pii.Encryption, KeyID: 1, Missing: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(ctx, path, WithPII(tt.keys))
			if err == nil {
				s.Close()
				t.Fatal("got nil error, want a refusal")
			}
			var ke *KeyError
			if !errors.As(err, &ke) || *ke != tt.want {
				t.Fatalf("got %v, want %+v", err, tt.want)
			}
		})
	}
	// The right keys still open it, and nothing was changed meanwhile.
	s = mustOpenPath(t, path, clk)
	if _, err := s.OrderByNumber(ctx, "20260821-001"); err != nil {
		t.Fatal(err)
	}
}

func TestStore_LastOrderByPhone_PassesOverUndecryptableRows(t *testing.T) {
	ctx := context.Background()
	s, _ := mustOpen(t)
	older := mustCreate(t, s, canaryOrder("call-1", "tool-1"), nil)
	newer := mustCreate(t, s, canaryOrder("call-2", "tool-2"), nil)

	setColumn(t, s, "orders", "notes", newer.ID, "k1:AAAA")
	got, err := s.LastOrderByPhone(ctx, canaryPhone)
	if err != nil || got.ID != older.ID {
		t.Fatalf("newest damaged: got order %d, %v; want the older one, %d", got.ID, err,
			older.ID)
	}
	setColumn(t, s, "orders", "customer_name", older.ID, "k9:AAAA")
	_, err = s.LastOrderByPhone(ctx, canaryPhone)
	if !errors.Is(err, ErrUndecryptable) || !errors.Is(err, pii.ErrUnknownKey) {
		t.Fatalf("both damaged: got %v, want ErrUndecryptable", err)
	}
	if _, err := s.LastOrderByPhone(ctx, "+61491570157"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("another number: got %v, want ErrNotFound", err)
	}
}

// TestStore_KitchenKeepsWorkingPastADamagedOrder: an order whose details do
// not decrypt is still listed for the kitchen, without details, and still
// moves through its statuses; only its ready text, which needs the number,
// is not queued. Every read that hands out details refuses it.
func TestStore_KitchenKeepsWorkingPastADamagedOrder(t *testing.T) {
	ctx := context.Background()
	s, _ := mustOpen(t)
	damaged := mustCreate(t, s, canaryOrder("call-1", "tool-1"), canaryTexts())
	intact := mustCreate(t, s, sampleOrder("call-2", "tool-2"), confirmations())
	var name string
	if err := s.write.QueryRow(`SELECT customer_name FROM orders WHERE id = ?`,
		intact.ID).Scan(&name); err != nil {
		t.Fatal(err)
	}
	setColumn(t, s, "orders", "customer_name", damaged.ID, name) // moved from another row

	list, err := s.ListOrders(ctx, OrderFilter{ShopDay: damaged.ShopDay})
	if err != nil || len(list) != 2 {
		t.Fatalf("ListOrders: got %d orders, %v; want both", len(list), err)
	}
	if d := list[0]; !d.DetailsUnreadable || d.CustomerName != "" || d.Phone != "" ||
		d.Notes != "" || d.Number != damaged.Number || len(d.Lines) != 2 {
		t.Errorf("damaged order listed as %+v; want its number and lines, no details", d)
	}
	if i := list[1]; i.DetailsUnreadable || i.CustomerName != "Sam" {
		t.Errorf("intact order listed as %+v", i)
	}
	if _, err := s.TrackOrder(ctx, damaged.Number); !errors.Is(err, ErrUndecryptable) {
		t.Errorf("TrackOrder: got %v, want ErrUndecryptable", err)
	}

	ready := func(o Order) string { return "Ready: " + o.Number + " for " + o.CustomerName }
	for _, to := range []Status{StatusPreparing, StatusReady} {
		got, err := s.ChangeStatus(ctx, StatusChange{Number: damaged.Number, To: to,
			ReadyText: ready})
		if err != nil || got.Status != to || !got.DetailsUnreadable {
			t.Fatalf("ChangeStatus to %s: got %+v, %v", to, got, err)
		}
	}
	if n := countWhere(t, s, "sms_outbox", "kind = 'order_ready'"); n != 0 {
		t.Errorf("%d ready texts queued for an order without a readable number", n)
	}
	for _, to := range []Status{StatusPreparing, StatusReady} {
		if _, err := s.ChangeStatus(ctx, StatusChange{Number: intact.Number, To: to,
			ReadyText: ready}); err != nil {
			t.Fatal(err)
		}
	}
	if n := countWhere(t, s, "sms_outbox", "kind = 'order_ready'"); n != 1 {
		t.Errorf("%d ready texts for the intact order, want 1", n)
	}
}
