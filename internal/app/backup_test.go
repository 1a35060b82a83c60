package app

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// TestRun_BackupWhileOrdersArriveAndRestore follows the README: `kebabalab
// backup --out` while the server takes orders through the webhook, then
// restore by stopping, copying the backup into place and starting again.
// The restored database passes integrity_check, holds every order the
// server had acknowledged when the backup began, sealed, and the server
// started on it recognises the caller.
func TestRun_BackupWhileOrdersArriveAndRestore(t *testing.T) {
	ctx := context.Background()
	env := baseEnv(t)
	env["KEBABALAB_NOW"] = "2026-12-03T18:00:00+11:00" // a Thursday evening, open
	base, stop, _ := startServer(t, env)

	var (
		mu       sync.Mutex
		acked    []string
		writeErr error
	)
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-quit:
				return
			default:
			}
			n, err := placeOrder(base, fmt.Sprint("call-backup-", i), canaryPhone)
			mu.Lock()
			if err != nil {
				writeErr = err
			} else {
				acked = append(acked, n)
			}
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	eventually(t, "a few orders", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(acked) >= 3 || writeErr != nil
	})
	mu.Lock()
	before := append([]string(nil), acked...)
	mu.Unlock()
	out := filepath.Join(t.TempDir(), "orders-backup.db")
	var stdout, stderr bytes.Buffer
	code := Run(ctx, []string{"backup", "--out", out},
		envOf(map[string]string{"DATABASE_PATH": env["DATABASE_PATH"]}), &stdout, &stderr)
	mu.Lock()
	during := len(acked) - len(before)
	mu.Unlock()
	close(quit)
	<-done
	if writeErr != nil {
		t.Fatalf("an order failed during the backup: %v", writeErr)
	}
	if code != 0 {
		t.Fatalf("backup: code %d\n%s%s", code, &stdout, &stderr)
	}
	t.Logf("%d orders before the backup, %d during it", len(before), during)
	if code := Run(ctx, []string{"backup", "--verify", out}, envOf(nil), &stdout,
		&stderr); code != 0 {
		t.Fatalf("verify: code %d\n%s", code, &stderr)
	}
	if code := stop(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	scanForCanaries(t, out)

	// Restore: copy the backup to a fresh data directory and start there.
	restored := filepath.Join(t.TempDir(), "data", "orders.db")
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(restored), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(restored, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	env["DATABASE_PATH"] = restored
	base, stop, _ = startServer(t, env)
	known, err := postTool(base, "call-restored", "0491 570 006", "getCallerSmartContext", nil)
	count, _ := known["orderCount"].(float64)
	if err != nil || known["isReturningCustomer"] != true || count < float64(len(before)) {
		t.Errorf("caller on the restored database: %v, %v", known, err)
	}
	if code := stop(); code != 0 {
		t.Fatalf("exit code %d", code)
	}

	db, err := sql.Open("sqlite", restored)
	if err != nil {
		t.Fatal(err)
	}
	var check string
	err = db.QueryRow(`PRAGMA integrity_check`).Scan(&check)
	db.Close()
	if err != nil || check != "ok" {
		t.Fatalf("integrity_check of the restored database: %q, %v", check, err)
	}
	store, err := sqlite.Open(ctx, restored, sqlite.WithPII(testKeys(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, n := range before {
		o, err := store.OrderByNumber(ctx, n)
		if err != nil || o.CustomerName != canaryName || o.Phone != canaryPhone {
			t.Errorf("acknowledged order %s after restore: %+v, %v", n, o, err)
		}
	}
}
