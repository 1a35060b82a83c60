package loadgen

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the driver the server uses
)

// DurableInserts measures the floor under createOrder: how many
// transactions of one insert each SQLite commits per second on dir's disk,
// with the server's durability settings (WAL, synchronous=FULL), so each
// commit waits for an fsync. The row is about the size of an order row.
func DurableInserts(ctx context.Context, dir string, d time.Duration) (perSec float64,
	err error,
) {
	path := filepath.Join(dir, "fsync-baseline.db")
	db, err := sql.Open("sqlite", path+
		"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(5000)")
	if err != nil {
		return 0, fmt.Errorf("loadgen: open %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS orders (
		id INTEGER PRIMARY KEY, number TEXT NOT NULL, created_at TEXT NOT NULL,
		body BLOB NOT NULL)`); err != nil {
		return 0, fmt.Errorf("loadgen: create table: %w", err)
	}
	row := make([]byte, 600) // items, encrypted name, phone and notes
	_, _ = rand.Read(row)
	start := time.Now()
	n := 0
	for time.Since(start) < d && ctx.Err() == nil {
		if err := insertOne(ctx, db, n, row); err != nil {
			return 0, err
		}
		n++
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

func insertOne(ctx context.Context, db *sql.DB, n int, row []byte) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("loadgen: begin: %w", err)
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, `INSERT INTO orders (number, created_at, body)
		VALUES (?, ?, ?)`, fmt.Sprintf("20261204-%03d", n%1000),
		time.Now().UTC().Format(time.RFC3339Nano), row)
	if err != nil {
		return fmt.Errorf("loadgen: insert: %w", err)
	}
	return tx.Commit()
}
