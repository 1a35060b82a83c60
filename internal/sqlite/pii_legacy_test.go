package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kebabalab/kebabalab/internal/clock"
)

// legacyDatabase makes a database as the program left it before customer
// details were encrypted: every migration before 0003 applied, and an
// order with its texts written in the clear. It returns the path.
func legacyDatabase(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "orders.db")
	if err := createFile(path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path+"?"+pragmas)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	exec(`CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)
		STRICT`)
	names, _ := fs.Glob(migrationFiles, "migrations/*.sql")
	for _, name := range names {
		if name >= "migrations/0003" {
			break
		}
		script, _ := migrationFiles.ReadFile(name)
		exec(string(script))
		exec(`INSERT INTO schema_migrations VALUES (?, '2026-01-01T00:00:00.000Z')`, name)
	}
	at := formatTime(lunchtime)
	for i, phone := range []string{canaryPhone, "+61491570157"} {
		exec(`INSERT INTO orders (order_number, shop_day, day_seq, call_id, tool_call_id,
			cart_fingerprint, customer_name, phone, notes, total_cents, gst_cents, ready_at,
			status, created_at) VALUES (?, '20260821', ?, 'call', ?, '', ?, ?, ?, 1000, 91,
			?, 'pending', ?)`, "20260821-00"+string(rune('1'+i)), i+1,
			"tool-"+string(rune('1'+i)), canaryName, phone, canaryNotes, at, at)
		exec(`INSERT INTO order_lines VALUES (?, 1, 'Chips', 'small', 1, 1000, 1000, '{}')`, i+1)
		exec(`INSERT INTO sms_outbox (order_id, kind, to_number, body, status,
			next_attempt_at, created_at, updated_at)
			VALUES (?, 'order_customer', ?, ?, 'sent', ?, ?, ?)`,
			i+1, phone, "Thanks "+canaryName, at, at, at)
	}
	return path
}

func TestOpen_SealsRowsWrittenBeforeEncryption(t *testing.T) {
	ctx := context.Background()
	path := legacyDatabase(t)
	clk := clock.Fixed(shopZone, lunchtime)
	// The scan finds the old plaintext, so its silence later means something.
	if raw, _ := os.ReadFile(path); !bytes.Contains(raw, []byte(canaryName)) {
		t.Fatal("the old database does not hold the canary in the clear")
	}

	// Without keys the old rows are left alone: sealing them with
	// throw-away keys would lose them.
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if n := countWhere(t, s, `orders`, `phone_bidx IS NULL`); n != 2 {
		t.Fatalf("a store without keys touched %d old orders", 2-n)
	}
	s.Close()

	s = mustOpenPath(t, path, clk)
	o, err := s.LastOrderByPhone(ctx, canaryPhone)
	if err != nil || o.CustomerName != canaryName || o.Notes != canaryNotes ||
		o.Number != "20260821-001" || len(o.Lines) != 1 {
		t.Fatalf("old order after sealing: got %+v, %v", o, err)
	}
	recs, err := s.SMSRecordsForOrder(ctx, o.ID)
	if err != nil || len(recs) != 1 || recs[0].Body != "Thanks "+canaryName {
		t.Fatalf("old text after sealing: got %+v, %v", recs, err)
	}
	if n := countWhere(t, s, `orders`, `customer_name NOT LIKE 'k1:%'`); n != 0 {
		t.Errorf("%d orders left unsealed", n)
	}
	if n := countWhere(t, s, `sms_outbox`, `to_number NOT LIKE 'k1:%'`); n != 0 {
		t.Errorf("%d texts left unsealed", n)
	}
	if n := countWhere(t, s, `sms_outbox`, `to_bidx IS NULL`); n != 0 {
		t.Errorf("%d texts left without a blind index", n)
	}
	assertNoCanary(t, path, path+"-wal")

	// Sealing again changes nothing: the values are not sealed twice.
	var before string
	s.read.QueryRow(`SELECT customer_name FROM orders WHERE id = 1`).Scan(&before)
	s.Close()
	s = mustOpenPath(t, path, clk)
	var after string
	s.read.QueryRow(`SELECT customer_name FROM orders WHERE id = 1`).Scan(&after)
	if before != after || !strings.HasPrefix(after, "k1:") {
		t.Errorf("reopening sealed again: %q became %q", before, after)
	}
}

// countWhere counts the rows of table matching a condition from the test.
func countWhere(t *testing.T, s *Store, table, cond string) int {
	t.Helper()
	var n int
	if err := s.read.QueryRow(`SELECT COUNT(*) FROM ` + table + ` WHERE ` + cond).
		Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
