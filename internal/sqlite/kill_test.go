package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// killHelperEnv holds the database path for the child process of
// TestStore_SurvivesSIGKILL; the child's round number is in killRoundEnv.
const (
	killHelperEnv = "KEBABALAB_SQLITE_KILL_HELPER_DB"
	killRoundEnv  = "KEBABALAB_SQLITE_KILL_HELPER_ROUND"
)

// TestKillHelper is the child process of TestStore_SurvivesSIGKILL, not a
// test of its own. It creates orders until killed, printing each order
// number only after its transaction committed.
func TestKillHelper(t *testing.T) {
	path := os.Getenv(killHelperEnv)
	if path == "" {
		t.Skip("child process of TestStore_SurvivesSIGKILL")
	}
	round := os.Getenv(killRoundEnv)
	s, err := Open(context.Background(), path, WithPII(testKeys(t)))
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(2)
	}
	for i := 0; ; i++ {
		n := sampleOrder(fmt.Sprintf("call-%s-%d", round, i), fmt.Sprintf("tool-%s-%d", round, i))
		o, _, err := s.CreateOrder(context.Background(), n, confirmations())
		if err != nil {
			fmt.Fprintln(os.Stderr, "create order:", err)
			os.Exit(2)
		}
		fmt.Println(o.Number)
	}
}

var orderNumberLine = regexp.MustCompile(`^\d{8}-\d{3,}$`)

// TestStore_SurvivesSIGKILL kills a process that is writing orders and
// checks that every order it acknowledged is stored, with its texts.
func TestStore_SurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	path := filepath.Join(t.TempDir(), "orders.db")
	for round := range 4 {
		acked := runAndKill(t, path, round, 15+10*round)
		checkSurvivors(t, path, acked)
	}
}

// runAndKill starts the helper, SIGKILLs it once it has acknowledged
// killAfter orders, and returns every order number it acknowledged.
func runAndKill(t *testing.T, path string, round, killAfter int) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), killHelperEnv+"="+path, fmt.Sprint(killRoundEnv, "=", round))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start helper: %v", err)
	}
	var acked []string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if !orderNumberLine.MatchString(sc.Text()) {
			continue
		}
		acked = append(acked, sc.Text())
		if len(acked) == killAfter {
			if err := cmd.Process.Kill(); err != nil {
				t.Fatalf("kill helper: %v", err)
			}
		}
	}
	err = cmd.Wait()
	if len(acked) < killAfter {
		t.Fatalf("round %d: helper stopped after %d orders (%v), before the kill",
			round, len(acked), err)
	}
	return acked
}

func checkSurvivors(t *testing.T, path string, acked []string) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, path, WithPII(testKeys(t)))
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	var integrity string
	if err := s.write.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil ||
		integrity != "ok" {
		t.Fatalf("integrity_check: got %q, %v; want ok", integrity, err)
	}
	rows, err := s.write.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Error("foreign_key_check found orphan rows")
	}
	rows.Close()
	for _, num := range acked {
		o, err := s.OrderByNumber(ctx, num)
		if err != nil {
			t.Errorf("acknowledged order %s: %v", num, err)
			continue
		}
		recs, err := s.SMSRecordsForOrder(ctx, o.ID)
		if err != nil || len(recs) != 2 {
			t.Errorf("order %s: got %d outbox rows, %v; want 2", num, len(recs), err)
		}
	}
	if o, m := count(t, s, "orders"), count(t, s, "sms_outbox"); m != 2*o {
		t.Errorf("got %d outbox rows for %d orders, want two per order", m, o)
	}
}
