package sqlite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kebabalab/kebabalab/internal/clock"
)

func TestOpen_FileModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, "orders.db")
	s := mustOpenPath(t, path, clock.Fixed(shopZone, lunchtime))
	mustCreate(t, s, sampleOrder("call-1", "tool-1"), confirmations())

	tests := []struct {
		name string
		path string
		want os.FileMode
	}{
		{"directory", dir, 0o700},
		{"database", path, 0o600},
		{"write-ahead log", path + "-wal", 0o600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fi, err := os.Stat(tt.path)
			if err != nil {
				t.Fatalf("stat: %v", err)
			}
			if got := fi.Mode().Perm(); got != tt.want {
				t.Errorf("got mode %v, want %v", got, tt.want)
			}
		})
	}
}

func TestOpen_TightensExistingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "orders.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	mustOpenPath(t, path, clock.Fixed(shopZone, lunchtime))
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o600 {
		t.Errorf("got mode %v, want 0600", got)
	}
}

func TestOpen_Pragmas(t *testing.T) {
	s, _ := mustOpen(t)
	tests := []struct {
		name      string
		db        *sql.DB
		queryOnly int
	}{
		{"writer", s.write, 0},
		{"reader", s.read, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := checkPragmas(context.Background(), tt.db, tt.queryOnly); err != nil {
				t.Errorf("got %v, want the DSN's pragmas", err)
			}
		})
	}
	t.Run("checker notices a difference", func(t *testing.T) {
		if err := checkPragmas(context.Background(), s.write, 1); err == nil {
			t.Error("got nil error for query_only 0, want a refusal")
		}
	})
	t.Run("reader cannot write", func(t *testing.T) {
		_, err := s.read.Exec(`DELETE FROM orders`)
		if err == nil || !strings.Contains(err.Error(), "readonly") {
			t.Errorf("got %v, want a read-only error", err)
		}
	})
}

func TestOpen_MigrationsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "orders.db")
	clk := clock.Fixed(shopZone, lunchtime)
	first, err := Open(context.Background(), path, WithClock(clk.Now), WithPII(testKeys(t)))
	if err != nil {
		t.Fatalf("first Open: %v", err)
	}
	o := mustCreate(t, first, sampleOrder("call-1", "tool-1"), confirmations())
	if err := first.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	s := mustOpenPath(t, path, clk)
	names, _ := migrationFiles.ReadDir("migrations")
	if got := count(t, s, "schema_migrations"); got != len(names) {
		t.Errorf("got %d recorded migrations, want %d", got, len(names))
	}
	got, err := s.OrderByNumber(context.Background(), o.Number)
	if err != nil {
		t.Fatalf("order lost across reopen: %v", err)
	}
	if got.ID != o.ID {
		t.Errorf("got order id %d, want %d", got.ID, o.ID)
	}
}

func TestOpen_RefusesNewerDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "orders.db")
	s := mustOpenPath(t, path, clock.Fixed(shopZone, lunchtime))
	_, err := s.write.Exec(`INSERT INTO schema_migrations (name, applied_at)
		VALUES ('migrations/9999_future.sql', '2030-01-01T00:00:00.000Z')`)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s2, err := Open(context.Background(), path); err == nil {
		s2.Close()
		t.Fatal("got nil error, want a refusal of an unknown migration")
	}
}

func TestOpen_BadPath(t *testing.T) {
	tests := []struct {
		name string
		path string
	}{
		{"empty", ""},
		{"query string", filepath.Join(t.TempDir(), "orders.db?mode=ro")},
		{"directory in the way", t.TempDir()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if s, err := Open(context.Background(), tt.path); err == nil {
				s.Close()
				t.Errorf("Open(%q): got nil error, want a refusal", tt.path)
			}
		})
	}
}

func TestStore_Ping(t *testing.T) {
	s, _ := mustOpen(t)
	if err := s.Ping(context.Background()); err != nil {
		t.Fatalf("Ping on an open store: %v", err)
	}
	s.Close()
	if err := s.Ping(context.Background()); err == nil {
		t.Error("Ping on a closed store: got nil error, want one")
	}
}
