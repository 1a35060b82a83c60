package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/joho/godotenv"

	"github.com/kebabalab/kebabalab/internal/config"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// backup writes or checks a backup of the database (README, "Backups").
// It needs no keys: customer details stay sealed in the copy.
func backup(ctx context.Context, args []string, env Env, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("backup", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("out", "", "write a new backup to this file (it must not exist)")
	verify := fl.String("verify", "", "check an existing backup file")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if (*out == "") == (*verify == "") || fl.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: kebabalab backup --out FILE | --verify FILE")
		return 2
	}
	if *verify != "" {
		return verifyBackup(ctx, *verify, stdout, stderr)
	}
	dbPath, err := databasePath(env)
	if err != nil {
		fmt.Fprintf(stderr, "kebabalab: %v\n", err)
		return 1
	}
	info, err := sqlite.Backup(ctx, dbPath, *out)
	if err != nil {
		fmt.Fprintf(stderr, "kebabalab: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "backup written to %s and checked: integrity ok, %d orders, %d texts\n",
		*out, info.Orders, info.Texts)
	return 0
}

func verifyBackup(ctx context.Context, path string, stdout, stderr io.Writer) int {
	info, err := sqlite.VerifyBackup(ctx, path)
	if err != nil {
		fmt.Fprintf(stderr, "kebabalab: %s: %v\n", path, err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: integrity ok, %d orders, %d texts\n", path, info.Orders,
		info.Texts)
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
		fmt.Fprintf(stdout, "warning: %s is readable by other users (mode %v); chmod 600 it\n",
			path, fi.Mode().Perm())
	}
	return 0
}

// databasePath is DATABASE_PATH from the environment, else .env, else the
// default. The backup command reads nothing else, so it runs where the
// keys are not available, as from cron.
func databasePath(env Env) (string, error) {
	if v, ok := env("DATABASE_PATH"); ok && strings.TrimSpace(v) != "" {
		return strings.TrimSpace(v), nil
	}
	dot, err := godotenv.Read(".env")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", errors.New(".env: cannot be parsed; check its KEY=value lines")
	}
	if v := strings.TrimSpace(dot["DATABASE_PATH"]); v != "" {
		return v, nil
	}
	return config.Default("DATABASE_PATH"), nil
}
