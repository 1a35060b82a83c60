// Package app is the program behind cmd/kebabalab: it parses the command
// line, loads configuration and menu, wires the packages together and runs
// the chosen command. Run takes everything from outside as arguments, so a
// test can start the whole server on port 0 with a temporary database.
package app

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"strings"

	"github.com/joho/godotenv"

	"github.com/kebabalab/kebabalab/internal/config"
	"github.com/kebabalab/kebabalab/internal/menu"
	"github.com/kebabalab/kebabalab/internal/tools"
)

const usage = `usage: kebabalab [command]

commands:
  serve               run the server (the default)
  check               validate configuration, menu.json and the database
  tools [--url URL]   print the VAPI tool definitions as JSON
  rekey [--batch N]   re-encrypt stored customer details under the newest keys
  backup --out FILE   write a checked, consistent copy of the database
  backup --verify FILE
                      check an existing backup
`

// Env looks up an environment variable, like os.LookupEnv.
type Env func(key string) (string, bool)

// Run executes one command and returns the process exit code: 0 on
// success, 1 when the command failed, 2 on a usage error.
func Run(ctx context.Context, args []string, env Env, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, env, stderr)
	case "check":
		return check(ctx, env, stdout, stderr)
	case "tools":
		return printTools(args, env, stdout, stderr)
	case "rekey":
		return rekey(ctx, args, env, stdout, stderr)
	case "backup":
		return backup(ctx, args, env, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "kebabalab: unknown command %q\n\n%s", cmd, usage)
	return 2
}

// loadConfig reads .env from the working directory, if there is one, and
// the environment, which wins.
func loadConfig(env Env) (*config.Config, error) {
	dot, err := godotenv.Read(".env")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, config.Problems{".env: cannot be parsed; check its KEY=value lines"}
	}
	src := config.OSSource(dot)
	src.Env = env
	return config.Load(src)
}

func newLogger(c *config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

// menuPath is MENU_PATH from the environment or the default, for commands
// that need the menu even when the rest of the configuration is broken.
func menuPath(env Env) string {
	if p, ok := env("MENU_PATH"); ok && p != "" {
		return p
	}
	return "menu.json"
}

// check validates everything serve would and prints every problem found.
func check(ctx context.Context, env Env, stdout, stderr io.Writer) int {
	var problems []string
	cfg, err := loadConfig(env)
	var cp config.Problems
	switch {
	case errors.As(err, &cp):
		problems = append(problems, cp...)
	case err != nil:
		problems = append(problems, err.Error())
	}
	path := menuPath(env)
	if cfg != nil {
		path = cfg.MenuPath
	}
	if _, err := menu.Load(path); err != nil {
		problems = append(problems, menuProblems(path, err)...)
	}
	if cfg != nil {
		if err := checkDatabase(ctx, cfg, stderr); err != nil {
			problems = append(problems, err.Error())
		}
		for _, w := range cfg.Warnings {
			fmt.Fprintln(stdout, "warning: "+w)
		}
	}
	if len(problems) > 0 {
		fmt.Fprintf(stderr, "%d problem(s) found:\n  %s\n", len(problems),
			strings.Join(problems, "\n  "))
		return 1
	}
	fmt.Fprintln(stdout, "configuration, menu and database are OK")
	return 0
}

// checkDatabase opens the database as serve would, keys included, so a
// wrong key is reported by check too.
func checkDatabase(ctx context.Context, cfg *config.Config, stderr io.Writer) error {
	store, err := openStore(ctx, cfg, newLogger(cfg, stderr), nil)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Ping(ctx); err != nil {
		return fmt.Errorf("database: %w", err)
	}
	return nil
}

// menuProblems prefixes each menu problem with the file name.
func menuProblems(path string, err error) []string {
	var mp *menu.Problems
	if !errors.As(err, &mp) {
		return []string{path + ": " + err.Error()}
	}
	var out []string
	for _, p := range mp.List() {
		out = append(out, path+": "+p.String())
	}
	return out
}

func printTools(args []string, env Env, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("tools", flag.ContinueOnError)
	fl.SetOutput(stderr)
	public := fl.String("url", "https://example.com", "public base URL of this server")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	base, err := toolsBaseURL(*public)
	if err != nil {
		fmt.Fprintf(stderr, "kebabalab: tools: %v\n", err)
		return 2
	}
	m, err := menu.Load(menuPath(env))
	if err != nil {
		fmt.Fprintf(stderr, "kebabalab: %s\n",
			strings.Join(menuProblems(menuPath(env), err), "\n  "))
		return 1
	}
	reg := tools.New(tools.Deps{Menu: m})
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(reg.Definitions(base)); err != nil {
		fmt.Fprintf(stderr, "kebabalab: %v\n", err)
		return 1
	}
	return 0
}

// toolsBaseURL checks the --url of the tools command: the public https (or
// http) address VAPI will call, to which /webhook is added. A URL already
// ending in /webhook is taken as the webhook itself, since pasting the
// full address is the likely mistake.
func toolsBaseURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" ||
		u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("--url must be the server's public address, such as "+
			"https://your-tunnel.example, got %q", raw)
	}
	base := strings.TrimRight(u.String(), "/")
	return strings.TrimSuffix(base, "/webhook"), nil
}
