package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/config"
	"github.com/kebabalab/kebabalab/internal/pii"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// openStore opens the database with the configured keys. When the
// database refuses a key, the error names the variable to fix. clk may be
// nil for commands that write no orders.
func openStore(ctx context.Context, cfg *config.Config, log *slog.Logger, clk *clock.Clock) (
	*sqlite.Store, error,
) {
	keys, err := piiKeys(cfg, log)
	if err != nil {
		return nil, err
	}
	opts := []sqlite.Option{sqlite.WithPII(keys), sqlite.WithLogger(log)}
	if clk != nil {
		opts = append(opts, sqlite.WithClock(clk.Now))
	}
	store, err := sqlite.Open(ctx, cfg.DatabasePath, opts...)
	var ke *sqlite.KeyError
	switch {
	case errors.As(err, &ke):
		name := "PII_ENCRYPTION_KEY"
		if ke.Kind == pii.Index {
			name = "PII_INDEX_KEY"
		}
		if cfg.PII.DevKeyFile != "" {
			name += " (development keys in " + cfg.PII.DevKeyFile + ")"
		}
		return nil, fmt.Errorf("%s: %v", name, ke)
	case err != nil:
		return nil, fmt.Errorf("DATABASE_PATH: %w", err)
	}
	return store, nil
}

// piiKeys returns the configured keys or, in development without them, the
// keys in the development key file, made on first use.
func piiKeys(cfg *config.Config, log *slog.Logger) (*pii.Keyring, error) {
	if cfg.PII.Keys != nil {
		return cfg.PII.Keys, nil
	}
	return devKeys(cfg.PII.DevKeyFile, log)
}

// devKeys reads the development key file, creating it (directory 0700,
// file 0600) with fresh random keys when it does not exist yet. When
// another process (`make run` beside `kebabalab check`) creates it first,
// its keys are the ones read.
func devKeys(path string, log *slog.Logger) (*pii.Keyring, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		err := writeDevKeys(path)
		switch {
		case errors.Is(err, fs.ErrExist):
		case err != nil:
			return nil, fmt.Errorf("PII_ENCRYPTION_KEY: cannot create the development key "+
				"file %s: %w", path, err)
		default:
			log.Warn("created development keys for customer data; losing them makes the "+
				"development database's customer details unreadable", "file", path)
		}
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
		log.Warn("the development key file is readable by other users; chmod 600 it",
			"file", path)
	}
	return config.ReadDevKeyFile(os.ReadFile, path)
}

const devKeysHeader = `# Development keys for kebabalab's customer data, made by kebabalab with
# APP_ENV=development because PII_ENCRYPTION_KEY and PII_INDEX_KEY were not
# set. Production never reads this file: it needs both variables. Deleting
# this file makes the development database's names and numbers unreadable.
`

func writeDevKeys(path string) error {
	enc, err := pii.NewKey(1)
	if err != nil {
		return err
	}
	idx, err := pii.NewKey(1)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	// The keys are written to a file of our own and then linked into
	// place, which fails if the file exists: another process reading the
	// path sees no file or a whole one, and never has its keys replaced.
	f, err := os.CreateTemp(filepath.Dir(path), devKeyTempPattern)
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	_, err = fmt.Fprintf(f, "%sPII_ENCRYPTION_KEY=%s\nPII_INDEX_KEY=%s\n", devKeysHeader,
		pii.FormatKeys([]pii.Key{enc}), pii.FormatKeys([]pii.Key{idx}))
	if err = errors.Join(err, f.Chmod(0o600), f.Sync(), f.Close()); err != nil {
		return err
	}
	return os.Link(f.Name(), path)
}

// devKeyTempPattern names the file the development keys are written to
// before they are linked into place.
const devKeyTempPattern = ".dev-pii-keys-*"
