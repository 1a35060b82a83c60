package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kebabalab/kebabalab/internal/pii"
)

// fillCap queues MaxSMSPerHour receipts to a number, all pending.
func fillCap(t *testing.T, s *Store, to string) []SMSRecord {
	t.Helper()
	var recs []SMSRecord
	for i := range MaxSMSPerHour {
		rec := mustEnqueue(t, s, receipt(to))
		if rec.Status != SMSPending {
			t.Fatalf("message %d: got status %s, want pending", i+1, rec.Status)
		}
		recs = append(recs, rec)
	}
	return recs
}

// assertCapped fails unless a receipt to the number is refused by the cap.
func assertCapped(t *testing.T, s *Store, to string, want bool) {
	t.Helper()
	rec := mustEnqueue(t, s, receipt(to))
	if capped := rec.Status == SMSSkipped && rec.LastError == ReasonRateLimited; capped != want {
		t.Errorf("receipt to %s: got %s/%s, want capped %v", to, rec.Status, rec.LastError, want)
	}
}

func TestStore_SMSBlindIndex(t *testing.T) {
	s, _ := mustOpen(t)
	rec := mustEnqueue(t, s, receipt(canaryPhone))
	var bidx string
	if err := s.read.QueryRow(`SELECT to_bidx FROM sms_outbox WHERE id = ?`, rec.ID).
		Scan(&bidx); err != nil {
		t.Fatal(err)
	}
	if bidx != s.keys.BlindIndex(canaryPhone) || !strings.HasPrefix(bidx, "i1:") {
		t.Errorf("got to_bidx %q, want the number's blind index under index key 1", bidx)
	}
	if strings.Contains(bidx, canaryPhone[3:]) {
		t.Errorf("to_bidx %q holds the number", bidx)
	}

	// Both look-ups of the cap go through the index, not a scan of the hour.
	for _, q := range []struct {
		query string
		args  []any
	}{
		{recentSMSQuery(2), []any{"a", "b", "t", ReasonRateLimited}},
		{recentUnindexedSMSQuery, []any{"t", ReasonRateLimited}},
	} {
		plan := queryPlan(t, s, q.query, q.args...)
		if !strings.Contains(plan, "sms_outbox_by_to_bidx (to_bidx=? AND created_at>?)") {
			t.Errorf("plan of %.60q…:\n%s\nwant a search of sms_outbox_by_to_bidx", q.query, plan)
		}
	}
}

// queryPlan returns the details of EXPLAIN QUERY PLAN for a query.
func queryPlan(t *testing.T, s *Store, query string, args ...any) string {
	t.Helper()
	rows, err := s.read.Query(`EXPLAIN QUERY PLAN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, notUsed int
		var detail string
		if err := rows.Scan(&id, &parent, &notUsed, &detail); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, detail)
	}
	return strings.Join(lines, "\n")
}

// Texts written before migration 0004 have no index; those of the last hour
// still count, by their decrypted number, and only for their own number.
func TestStore_SMSCap_CountsTextsWithoutIndex(t *testing.T) {
	s, _ := mustOpen(t)
	const other = "+61491570157"
	for _, rec := range fillCap(t, s, canaryPhone) {
		setColumn(t, s, "sms_outbox", "to_bidx", rec.ID, nil)
	}
	assertCapped(t, s, canaryPhone, true)
	assertCapped(t, s, other, false)

	// A text without an index whose number does not decrypt is not counted.
	s2, _ := mustOpen(t)
	recs := fillCap(t, s2, canaryPhone)
	setColumn(t, s2, "sms_outbox", "to_bidx", recs[0].ID, nil)
	setColumn(t, s2, "sms_outbox", "to_number", recs[0].ID, "k1:AAAA")
	assertCapped(t, s2, canaryPhone, false)
}

// A copied index makes the row count for the number it was copied from:
// the cap can refuse a text early, never let one more through.
func TestStore_SMSCap_CopiedIndexOverCounts(t *testing.T) {
	s, _ := mustOpen(t)
	const other = "+61491570157"
	for range MaxSMSPerHour - 1 {
		mustEnqueue(t, s, receipt(canaryPhone))
	}
	rec := mustEnqueue(t, s, receipt(other))
	setColumn(t, s, "sms_outbox", "to_bidx", rec.ID, s.keys.BlindIndex(canaryPhone))
	assertCapped(t, s, canaryPhone, true)
}

// Texts indexed under an older index key still count after a rotation, and
// after rekey moves them to the newest one the old key can go.
func TestStore_SMSCap_AcrossIndexKeyRotation(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orders.db")
	s := openWith(t, path, testKeys(t))
	fillCap(t, s, canaryPhone)
	s.Close()

	s = openWith(t, path, rotated(t))
	assertCapped(t, s, canaryPhone, true)
	if _, err := s.Rekey(ctx, 10, nil); err != nil {
		t.Fatal(err)
	}
	if got := prefixes(t, s, "sms_outbox", "to_bidx"); got != "i2:" {
		t.Errorf("to_bidx prefixes after rekey %s, want i2:", got)
	}
	s.Close()

	only2, err := pii.NewKeyring([]pii.Key{fixedKey(2, 'e')}, []pii.Key{fixedKey(2, 'i')})
	if err != nil {
		t.Fatal(err)
	}
	s = openWith(t, path, only2)
	assertCapped(t, s, canaryPhone, true)
	assertCapped(t, s, "+61491570157", false)
}

// Rekey indexes the texts written before migration 0004.
func TestStore_RekeyIndexesTextsWithoutIndex(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orders.db")
	s := openWith(t, path, testKeys(t))
	for _, rec := range fillCap(t, s, canaryPhone) {
		setColumn(t, s, "sms_outbox", "to_bidx", rec.ID, nil)
	}
	s.Close()

	s = openWith(t, path, rotated(t))
	r, err := s.Rekey(ctx, 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Texts != MaxSMSPerHour || r.Remaining != 0 {
		t.Errorf("Rekey: got %+v, want %d texts indexed and none left", r, MaxSMSPerHour)
	}
	if n := countWhere(t, s, `sms_outbox`, `to_bidx IS NULL`); n != 0 {
		t.Errorf("%d texts left without an index", n)
	}
	assertCapped(t, s, canaryPhone, true)
}
