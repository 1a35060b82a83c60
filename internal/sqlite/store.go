// Package sqlite stores orders and the SMS outbox in a SQLite file through
// modernc.org/sqlite. Every SQL statement of the program lives here, and every
// value reaches SQLite as a bound parameter.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/kebabalab/kebabalab/internal/pii"
)

// pragmas is applied by the driver to every new connection. synchronous FULL
// syncs the WAL on each commit, so an order confirmed to a caller survives a
// power cut as well as a crash. busy_timeout covers connections other than
// ours (a backup, the sqlite3 shell). secure_delete zeroes what an update
// or delete frees, so a customer's erased or re-encrypted details do not
// linger in free pages of the file.
const pragmas = "_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)" +
	"&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=secure_delete(1)"

// readers is the size of the read pool; WAL lets them run beside the writer.
const readers = 4

// Sentinel errors of the store.
var (
	// ErrNotFound means no row matched a lookup.
	ErrNotFound = errors.New("sqlite: not found")
	// ErrTooManyOrders means the call already placed the most orders one
	// call may place.
	ErrTooManyOrders = errors.New("sqlite: too many orders in one call")
	// ErrNoneDue means no outbox message is due for sending.
	ErrNoneDue = errors.New("sqlite: no message due")
)

// Store is the program's database. It is safe for concurrent use.
type Store struct {
	write *sql.DB
	read  *sql.DB
	now   func() time.Time
	log   *slog.Logger

	// keys seal customers' details before they are written and open them
	// when read (see pii.go). ephemeral is true when Open was given no
	// keys: the process's throw-away keys are used and nothing that needs
	// the real keys (key checks, sealing old rows) is done.
	keys      *pii.Keyring
	ephemeral bool

	// stmts are the write transactions' statements, prepared on the
	// writer at Open, by query (see prepared.go).
	stmts map[string]*sql.Stmt

	// failAfterOrderInsert, set only by tests, fails CreateOrder after the
	// order and its lines are written and before the outbox rows are.
	failAfterOrderInsert func() error
}

// Option changes how Open builds a Store.
type Option func(*Store)

// WithClock makes the store read the time from now instead of time.Now.
// Order numbers use the shop day of the time it returns, so it should
// return shop time (clock.Clock.Now does).
func WithClock(now func() time.Time) Option {
	return func(s *Store) { s.now = now }
}

// WithPII gives the store the keys that protect customers' names, phone
// numbers, notes and text messages. Without it the store uses pii.Ephemeral:
// data is still never written in the clear, but no other process can read
// it, so every program that serves or reads real data must pass its keys.
func WithPII(keys *pii.Keyring) Option {
	return func(s *Store) { s.keys = keys }
}

// WithLogger sets where the store reports rows it cannot decrypt and the
// progress of its start-up work; slog.Default otherwise. Lines carry table,
// row id and reason, never the data.
func WithLogger(log *slog.Logger) Option {
	return func(s *Store) { s.log = log }
}

// Open opens, checks and migrates the database at path, creating its
// directory (0700) and file (0600) when missing.
//
// With keys (WithPII) it then checks them against the database, refusing
// with a *KeyError a key that differs from the one the data was written
// with or the lack of a key the data still needs, and seals any customer
// details written before encryption was introduced.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, errors.New("sqlite: database path must be non-empty without ? or #")
	}
	if err := createFile(path); err != nil {
		return nil, err
	}
	s := &Store{now: time.Now, log: slog.Default()}
	for _, o := range opts {
		o(s)
	}
	if s.keys == nil {
		keys, err := pii.Ephemeral()
		if err != nil {
			return nil, fmt.Errorf("sqlite: %w", err)
		}
		s.keys, s.ephemeral = keys, true
	}
	if err := s.openPools(path); err != nil {
		return nil, err
	}
	if err := s.setUp(ctx); err != nil {
		return nil, errors.Join(err, s.Close())
	}
	if err := s.prepareStatements(ctx); err != nil {
		return nil, errors.Join(err, s.Close())
	}
	return s, nil
}

// createFile makes the file before SQLite does: SQLite would create it
// 0644, and its -wal and -shm files copy the main file's mode.
func createFile(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("sqlite: create directory: %w", err)
	}
	// #nosec G304 -- the operator names the database file (DATABASE_PATH).
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("sqlite: create file: %w", err)
	}
	defer f.Close()
	if err := f.Chmod(0o600); err != nil {
		return fmt.Errorf("sqlite: restrict file mode: %w", err)
	}
	return nil
}

func (s *Store) openPools(path string) error {
	var err error
	// _txlock=immediate makes every write transaction take the write lock
	// at BEGIN, so a read-then-write transaction cannot fail half way with
	// SQLITE_BUSY_SNAPSHOT.
	s.write, err = sql.Open("sqlite", path+"?"+pragmas+"&_txlock=immediate")
	if err != nil {
		return fmt.Errorf("sqlite: open writer: %w", err)
	}
	// One connection serialises our writers inside the process, so they
	// queue in database/sql instead of meeting SQLITE_BUSY in SQLite. A
	// statement on s.write while a transaction from it is open would
	// deadlock: inside a transaction, use only the *sql.Tx.
	s.write.SetMaxOpenConns(1)
	s.write.SetMaxIdleConns(1)
	s.write.SetConnMaxLifetime(0)
	s.write.SetConnMaxIdleTime(0)

	s.read, err = sql.Open("sqlite", path+"?"+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		return errors.Join(fmt.Errorf("sqlite: open reader: %w", err), s.write.Close())
	}
	s.read.SetMaxOpenConns(readers)
	return nil
}

func (s *Store) setUp(ctx context.Context) error {
	if err := checkPragmas(ctx, s.write, 0); err != nil {
		return fmt.Errorf("sqlite: writer: %w", err)
	}
	if err := checkPragmas(ctx, s.read, 1); err != nil {
		return fmt.Errorf("sqlite: reader: %w", err)
	}
	if err := s.migrate(ctx); err != nil {
		return err
	}
	return s.preparePII(ctx)
}

// checkPragmas refuses a connection whose settings differ from the DSN's,
// which would mean a driver that ignored them.
func checkPragmas(ctx context.Context, db *sql.DB, queryOnly int) error {
	want := []struct {
		pragma string
		value  string
	}{
		{"journal_mode", "wal"},
		{"synchronous", "2"},
		{"busy_timeout", "5000"},
		{"foreign_keys", "1"},
		{"secure_delete", "1"},
		{"query_only", fmt.Sprint(queryOnly)},
	}
	for _, w := range want {
		var got string
		// A pragma name cannot be a bound parameter; these are constants.
		err := db.QueryRowContext(ctx, "PRAGMA "+w.pragma).Scan(&got)
		if err != nil {
			return fmt.Errorf("read pragma %s: %w", w.pragma, err)
		}
		if !strings.EqualFold(got, w.value) {
			return fmt.Errorf("pragma %s is %q, want %q", w.pragma, got, w.value)
		}
	}
	return nil
}

// Ping reports whether both pools can reach the database, for readiness.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.write.PingContext(ctx); err != nil {
		return fmt.Errorf("sqlite: ping writer: %w", err)
	}
	if err := s.read.PingContext(ctx); err != nil {
		return fmt.Errorf("sqlite: ping reader: %w", err)
	}
	return nil
}

// Close closes the prepared statements and both pools.
func (s *Store) Close() error {
	return errors.Join(s.closeStatements(), s.read.Close(), s.write.Close())
}
