package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/kebabalab/kebabalab/internal/clock"
)

// TestBackup_WhileOrdersAreWritten takes a backup while another goroutine
// keeps placing orders, restores it to a new file and checks it: intact,
// 0600, and holding every order acknowledged before the backup started.
func TestBackup_WhileOrdersAreWritten(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "orders.db")
	clk := clock.Fixed(shopZone, lunchtime)
	s := mustOpenPath(t, path, clk)

	var (
		mu    sync.Mutex
		acked []string
	)
	stop := make(chan struct{})
	enough := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			n := canaryOrder(fmt.Sprint("call-", i), fmt.Sprint("tool-", i))
			o, _, err := s.CreateOrder(ctx, n, canaryTexts())
			if err != nil {
				done <- err
				return
			}
			mu.Lock()
			acked = append(acked, o.Number)
			if len(acked) == 5 {
				close(enough)
			}
			mu.Unlock()
		}
	}()
	<-enough
	mu.Lock()
	before := append([]string(nil), acked...)
	mu.Unlock()
	out := filepath.Join(dir, "backups", "orders-backup.db")
	if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
		t.Fatal(err)
	}
	info, err := Backup(ctx, path, out)
	close(stop)
	if err := <-done; err != nil {
		t.Fatalf("writer: %v", err)
	}
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if info.Orders < len(before) || info.Texts != 2*info.Orders || info.Migrations == 0 {
		t.Fatalf("backup holds %+v, want at least %d orders with two texts each",
			info, len(before))
	}
	fi, err := os.Stat(out)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v, %v; want mode 0600", fi, err)
	}
	if _, err := os.Stat(out + ".partial"); !os.IsNotExist(err) {
		t.Errorf("the partial file was left behind: %v", err)
	}
	assertNoCanary(t, out)
	if _, err := VerifyBackup(ctx, out); err != nil {
		t.Fatalf("VerifyBackup: %v", err)
	}

	// Restore: copy the backup to where a database lives and open it.
	restored := filepath.Join(t.TempDir(), "orders.db")
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(restored, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	r := mustOpenPath(t, restored, clk)
	var ok string
	if err := r.write.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("restored integrity_check: %q, %v", ok, err)
	}
	for _, num := range before {
		o, err := r.OrderByNumber(ctx, num)
		if err != nil || o.CustomerName != canaryName {
			t.Errorf("acknowledged order %s: got %+v, %v", num, o, err)
		}
	}
}

func TestBackup_Refusals(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "orders.db")
	mustOpenPath(t, path, clock.Fixed(shopZone, lunchtime))
	existing := filepath.Join(dir, "taken.db")
	os.WriteFile(existing, []byte("x"), 0o600)
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, []byte(fmt.Sprintf("%0512d", 7)), 0o600)

	tests := []struct {
		name string
		run  func() error
	}{
		{"output exists", func() error { _, err := Backup(ctx, path, existing); return err }},
		{"no database", func() error {
			_, err := Backup(ctx, filepath.Join(dir, "none.db"), filepath.Join(dir, "b.db"))
			return err
		}},
		{"verify a missing file", func() error {
			_, err := VerifyBackup(ctx, filepath.Join(dir, "none.db"))
			return err
		}},
		{"verify a file that is not a database", func() error {
			_, err := VerifyBackup(ctx, garbage)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.run(); err == nil {
				t.Fatal("got nil error, want a refusal")
			}
		})
	}
	if b, _ := os.ReadFile(existing); string(b) != "x" {
		t.Error("an existing file was overwritten")
	}
}

// TestBackup_DetectsCorruption damages a page of a backup: the check must
// notice.
func TestBackup_DetectsCorruption(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "orders.db")
	s := mustOpenPath(t, path, clock.Fixed(shopZone, lunchtime))
	for i := range 3 {
		mustCreate(t, s, sampleOrder(fmt.Sprint("c", i), fmt.Sprint("t", i)), nil)
	}
	out := filepath.Join(dir, "b.db")
	if _, err := Backup(ctx, path, out); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(out)
	if len(raw) < 3*4096 {
		t.Fatalf("backup is only %d bytes", len(raw))
	}
	for i := 2*4096 + 8; i < 2*4096+200; i++ {
		raw[i] ^= 0xff
	}
	os.WriteFile(out, raw, 0o600)
	if _, err := VerifyBackup(ctx, out); err == nil {
		t.Fatal("got nil error for a damaged backup")
	}
}
