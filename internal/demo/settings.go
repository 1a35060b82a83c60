package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"strings"

	"github.com/joho/godotenv"

	"github.com/kebabalab/kebabalab/internal/config"
	"github.com/kebabalab/kebabalab/internal/pii"
)

// Settings are what the demo shares with the server it talks to.
type Settings struct {
	BaseURL      string // http://host:port of the server
	Secret       string // "" sends no authentication header
	DatabasePath string
	// Keys open the texts the server sealed in the database: the keys the
	// server runs with, read as it reads them (config.PIIKeys).
	Keys *pii.Keyring
}

// Env looks up an environment variable, like os.LookupEnv.
type Env func(key string) (string, bool)

// Defaults of the server's settings (SPEC §4) that the demo reads.
const (
	defaultListenAddr   = "127.0.0.1:8080"
	defaultDatabasePath = "data/orders.db"
)

// LoadSettings reads LISTEN_ADDR, VAPI_WEBHOOK_SECRET (or its _FILE twin),
// DATABASE_PATH and the customer-data keys the way the server does: the
// environment wins over the values of a .env file, then the defaults
// apply. The keys are PII_ENCRYPTION_KEY and PII_INDEX_KEY (or their _FILE
// twins) or, with APP_ENV=development and neither set, the development key
// file the server made when it started.
func LoadSettings(env Env, dotEnv map[string]string,
	readFile func(string) ([]byte, error),
) (Settings, error) {
	get := func(key string) string {
		if v, ok := env(key); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
		return strings.TrimSpace(dotEnv[key])
	}
	s := Settings{DatabasePath: get("DATABASE_PATH")}
	if s.DatabasePath == "" {
		s.DatabasePath = defaultDatabasePath
	}
	addr := get("LISTEN_ADDR")
	if addr == "" {
		addr = defaultListenAddr
	}
	base, err := baseURL(addr)
	if err != nil {
		return Settings{}, err
	}
	s.BaseURL = base
	secrets := get("VAPI_WEBHOOK_SECRET")
	if path := get("VAPI_WEBHOOK_SECRET_FILE"); secrets == "" && path != "" {
		b, err := readFile(path)
		if err != nil {
			return Settings{}, errors.New(
				"demo: cannot read the file that VAPI_WEBHOOK_SECRET_FILE names")
		}
		secrets = string(b)
	}
	// The server accepts any of a comma-separated list; the first will do.
	first, _, _ := strings.Cut(secrets, ",")
	s.Secret = strings.TrimSpace(first)
	keys, err := config.PIIKeys(config.Source{Env: env, DotEnv: dotEnv, ReadFile: readFile})
	if err != nil {
		return Settings{}, fmt.Errorf("demo: the keys that open the server's texts: %w", err)
	}
	s.Keys = keys
	return s, nil
}

// baseURL turns a listen address into the URL a local client dials: a
// wildcard host (":8080", "0.0.0.0:8080") is reached through loopback.
func baseURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return "", fmt.Errorf("demo: LISTEN_ADDR must be host:port, got %q", addr)
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port), nil
}

// Main is the demo command: it reads .env from the working directory, if
// there is one, and the environment, runs the call and returns the exit
// code.
func Main(ctx context.Context, env Env, stdout, stderr io.Writer) int {
	dot, err := godotenv.Read(".env")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintln(stderr, "demo: .env cannot be parsed; check its KEY=value lines")
		return 1
	}
	s, err := LoadSettings(env, dot, os.ReadFile)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if err := Run(ctx, Options{Settings: s}, stdout); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}
