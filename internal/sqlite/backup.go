package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Backups are made with VACUUM INTO: a consistent snapshot taken inside one
// read transaction, so the server keeps taking orders while it runs, and a
// compact file without a WAL beside it. Customers' details are sealed in
// the database, so they are sealed in the copy; the copy needs no keys to
// be made or checked, and must never be stored with them.

// BackupInfo describes a checked backup.
type BackupInfo struct {
	Orders     int
	Texts      int
	Migrations int
}

// Backup writes a consistent copy of the database at dbPath to out, which
// must not exist yet. The copy is written beside out, flushed to disk,
// restricted to 0600 and checked with PRAGMA integrity_check before it is
// renamed to out, so out is either a whole, checked backup or absent.
func Backup(ctx context.Context, dbPath, out string) (BackupInfo, error) {
	if err := checkPath(dbPath); err != nil {
		return BackupInfo{}, err
	}
	if _, err := os.Stat(dbPath); err != nil {
		return BackupInfo{}, fmt.Errorf("sqlite: backup: no database at %s", dbPath)
	}
	if _, err := os.Lstat(out); !errors.Is(err, fs.ErrNotExist) {
		return BackupInfo{}, fmt.Errorf("sqlite: backup: %s already exists", out)
	}
	tmp := out + ".partial"
	if err := createEmpty(tmp); err != nil {
		return BackupInfo{}, err
	}
	info, err := writeBackup(ctx, dbPath, tmp)
	if err == nil {
		err = os.Rename(tmp, out)
	}
	if err == nil {
		err = syncDir(filepath.Dir(out))
	}
	if err != nil {
		// The half-written copy is junk either way; failing to remove it
		// must not hide why the backup failed.
		_ = os.Remove(tmp)
		return BackupInfo{}, fmt.Errorf("sqlite: backup: %w", err)
	}
	return info, nil
}

// createEmpty makes the file VACUUM INTO fills: created by us, SQLite keeps
// its 0600 mode. A leftover from an interrupted run is replaced.
func createEmpty(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("sqlite: backup: remove leftover: %w", err)
	}
	// #nosec G304 -- the operator names the backup file (--out).
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("sqlite: backup: %w", err)
	}
	return f.Close()
}

func writeBackup(ctx context.Context, dbPath, tmp string) (BackupInfo, error) {
	// Not the store's pools: a backup must not migrate or change anything,
	// and VACUUM INTO is refused on a query_only connection.
	db, err := sql.Open("sqlite", dbPath+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return BackupInfo{}, err
	}
	_, err = db.ExecContext(ctx, `VACUUM INTO ?`, tmp)
	if err = errors.Join(err, db.Close()); err != nil {
		return BackupInfo{}, fmt.Errorf("vacuum into: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return BackupInfo{}, err
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return BackupInfo{}, err
	}
	return VerifyBackup(ctx, tmp)
}

// VerifyBackup checks a backup file without changing it: PRAGMA
// integrity_check must answer ok, no foreign key may dangle, and it must
// hold kebabalab's tables. It reports what the file holds.
func VerifyBackup(ctx context.Context, path string) (BackupInfo, error) {
	if err := checkPath(path); err != nil {
		return BackupInfo{}, err
	}
	if _, err := os.Stat(path); err != nil {
		return BackupInfo{}, fmt.Errorf("sqlite: verify backup: cannot read %s", path)
	}
	// immutable: the file is opened read-only, without locks or a -shm
	// file, and nothing is written next to it.
	uri := "file:" + strings.ReplaceAll(path, "%", "%25") + "?mode=ro&immutable=1"
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("sqlite: verify backup: %w", err)
	}
	defer db.Close()
	if err := integrity(ctx, db); err != nil {
		return BackupInfo{}, fmt.Errorf("sqlite: verify backup: %w", err)
	}
	var info BackupInfo
	err = db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM orders),
		(SELECT COUNT(*) FROM sms_outbox), (SELECT COUNT(*) FROM schema_migrations)`).Scan(
		&info.Orders, &info.Texts, &info.Migrations)
	if err != nil {
		return BackupInfo{}, errors.New("sqlite: verify backup: not a kebabalab database")
	}
	return info, nil
}

// integrity runs integrity_check and foreign_key_check.
func integrity(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("integrity_check: %w", err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("integrity_check: %w", errors.Join(err, rows.Close()))
		}
		problems = append(problems, line)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("integrity_check: %w", err)
	}
	if len(problems) != 1 || problems[0] != "ok" {
		return fmt.Errorf("integrity_check found %d problem(s)", len(problems))
	}
	var dangling bool
	err = db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pragma_foreign_key_check)`).
		Scan(&dangling)
	if err != nil {
		return fmt.Errorf("foreign_key_check: %w", err)
	}
	if dangling {
		return errors.New("foreign_key_check found rows that refer to missing rows")
	}
	return nil
}

func checkPath(path string) error {
	if path == "" || strings.ContainsAny(path, "?#") {
		return errors.New("sqlite: path must be non-empty without ? or #")
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.Open(path) // #nosec G304 -- a file this package just wrote
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	return syncFile(dir)
}
