package abuse

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Settings every server of the suite starts with; a test may override any
// of them. The shop clock starts on a Friday evening, when the shop is open.
const (
	secret     = "abuse-suite-secret-0123456789abcdef0123"
	adminToken = "abuse-suite-admin-0123456789abcdef0123"
	encKey     = "ZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWU="
	idxKey     = "aWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWk="
	shopNow    = "2026-12-04T18:00:00+11:00"
)

// binary is the kebabalab executable, built by the first test that needs
// it, so that listing tests or running benchmarks builds nothing;
// moduleRoot holds menu.json.
var (
	binary, moduleRoot string
	buildOnce          sync.Once
	buildErr           error
)

func TestMain(m *testing.M) {
	flag.Parse()
	// Most of the suite's time is spent waiting on timeouts, not working;
	// unless told otherwise, run every test at once rather than
	// GOMAXPROCS at a time.
	explicit := false
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "test.parallel" })
	if !explicit {
		_ = flag.Set("test.parallel", "16")
	}
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "kebabalab-abuse-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	if moduleRoot, err = filepath.Abs("../.."); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	binary = filepath.Join(dir, "kebabalab")
	return m.Run()
}

// built returns the path of the binary, building it on first use.
func built(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() { buildErr = build(binary) })
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// build compiles the server the way `make build` does. It matches the race
// mode of the test binary, so every package comes from the build cache the
// test run already filled and only the link is new; under -race the server
// is checked for data races while it is attacked.
func build(out string) error {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return fmt.Errorf("the abuse suite builds the server and needs go on PATH: %w", err)
	}
	args := []string{"build", "-ldflags=-s -w", "-o", out}
	if raceEnabled {
		args = append(args, "-race")
	}
	cmd := exec.Command(goBin, append(args, "./cmd/kebabalab")...)
	cmd.Dir = moduleRoot
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("build kebabalab: %v\n%s", err, b)
	}
	return nil
}

// lockedBuffer collects a child's output while it runs.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// server is one running kebabalab process.
type server struct {
	t      *testing.T
	URL    string
	DBPath string
	cmd    *exec.Cmd
	logs   *lockedBuffer
	exited chan struct{}
	client *http.Client
	ro     *sql.DB // the database, read-only; opened on first use
}

var listening = regexp.MustCompile(`"addr":"([^"]+)"`)

// start runs the binary with the suite's settings plus env and waits for
// it to listen: on the port it logs, or on LISTEN_ADDR when that names one.
// The child sees no other environment and runs in an empty directory, so no
// .env file is read. It is stopped when the test ends.
func start(t *testing.T, env map[string]string) *server {
	t.Helper()
	dir := t.TempDir()
	vars := map[string]string{
		"APP_ENV": "production", "LISTEN_ADDR": "127.0.0.1:0",
		"DATABASE_PATH":       filepath.Join(dir, "data", "orders.db"),
		"MENU_PATH":           filepath.Join(moduleRoot, "menu.json"),
		"VAPI_WEBHOOK_SECRET": secret, "ADMIN_TOKEN": adminToken,
		"PII_ENCRYPTION_KEY": encKey, "PII_INDEX_KEY": idxKey,
		"KEBABALAB_NOW": shopNow, "RATE_LIMIT": "10000", "HOME": dir,
	}
	for k, v := range env {
		vars[k] = v
	}
	keys := make([]string, 0, len(vars))
	for k := range vars {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := &server{t: t, DBPath: vars["DATABASE_PATH"], logs: &lockedBuffer{},
		exited: make(chan struct{})}
	s.cmd = exec.Command(built(t), "serve")
	s.cmd.Dir = dir
	for _, k := range keys {
		s.cmd.Env = append(s.cmd.Env, k+"="+vars[k])
	}
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = s.cmd.Wait(); close(s.exited) }()
	t.Cleanup(func() {
		if s.running() {
			_ = s.cmd.Process.Kill()
			<-s.exited
		}
	})
	if addr := vars["LISTEN_ADDR"]; !strings.HasSuffix(addr, ":0") {
		s.URL = "http://" + addr // the log may be too quiet to say
	}
	s.waitListening()
	s.client = &http.Client{Timeout: 30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	t.Cleanup(s.client.CloseIdleConnections)
	return s
}

func (s *server) waitListening() {
	s.t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		if s.URL != "" {
			if resp, err := http.Get(s.URL + "/healthz"); err == nil {
				resp.Body.Close()
				return
			}
		} else if m := listening.FindStringSubmatch(s.logs.String()); m != nil {
			s.URL = "http://" + m[1]
			return
		}
		select {
		case <-s.exited:
			s.t.Fatalf("server exited during start-up:\n%s", s.logs)
		case <-deadline:
			s.t.Fatalf("server did not start:\n%s", s.logs)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (s *server) running() bool {
	select {
	case <-s.exited:
		return false
	default:
		return true
	}
}

// Addr is the server's host:port.
func (s *server) Addr() string { return strings.TrimPrefix(s.URL, "http://") }

// checkAlive fails the test unless the process is running and answers
// GET /healthz with 200 and {"status":"ok"}.
func (s *server) checkAlive() {
	s.t.Helper()
	if !s.running() {
		s.t.Fatalf("the server exited: %v\n%s", s.cmd.ProcessState, s.logs)
	}
	resp, err := s.client.Get(s.URL + "/healthz")
	if err != nil {
		s.t.Fatalf("healthz: %v\n%s", err, s.logs)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	if resp.StatusCode != http.StatusOK || strings.TrimSpace(b.String()) != `{"status":"ok"}` {
		s.t.Fatalf("healthz: got %d %s, want 200 {\"status\":\"ok\"}", resp.StatusCode, &b)
	}
	s.checkLogs()
}

// stop sends SIGTERM and checks the server drains and exits 0: it had
// not crashed or wedged before it was asked to stop.
func (s *server) stop() {
	s.t.Helper()
	s.checkAlive()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		s.t.Fatal(err)
	}
	select {
	case <-s.exited:
	case <-time.After(15 * time.Second):
		s.t.Fatalf("server did not stop within 15s of SIGTERM:\n%s", s.logs)
	}
	if code := s.cmd.ProcessState.ExitCode(); code != 0 {
		s.t.Fatalf("exit code %d after SIGTERM:\n%s", code, s.logs)
	}
	s.checkLogs()
}

// checkLogs fails on what must never reach the log: a secret, a panic or a
// data race.
func (s *server) checkLogs() {
	s.t.Helper()
	out := s.logs.String()
	for _, bad := range []string{secret, adminToken, encKey, idxKey, "panic", "DATA RACE"} {
		if strings.Contains(out, bad) {
			s.t.Fatalf("the log holds %q:\n%s", bad, out)
		}
	}
}

// freeAddr returns a loopback address with a port nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// ctx is a context for a test's requests.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return c
}
