package loadgen

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Process is a server the load generator started and measures from
// outside: its memory comes from /proc, as an operator would see it.
type Process struct {
	URL     string        // base URL, http://127.0.0.1:port
	Ready   time.Duration // from exec to the first 200 from /readyz
	cmd     *exec.Cmd
	exited  chan error
	logFile *os.File
}

// ServerConfig is how to start a fresh kebabalab server for a run.
type ServerConfig struct {
	Binary   string // the built kebabalab binary
	MenuPath string
	Dir      string // working directory and database; created if missing
	Secret   string // webhook secret (HMAC)
	Now      string // KEBABALAB_NOW, so the shop is open
}

// NewSecret returns a random webhook secret of 48 bytes.
func NewSecret() string {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// SpawnServer starts kebabalab serve in production mode on a free
// loopback port with a fresh database in c.Dir, and waits until ready.
// The server runs in c.Dir so no developer .env is read; its log goes to
// c.Dir/server.log.
func SpawnServer(ctx context.Context, c ServerConfig) (*Process, error) {
	// The server runs in c.Dir, so every path it gets must be absolute.
	menu, err := filepath.Abs(c.MenuPath)
	if err != nil {
		return nil, err
	}
	bin, err := filepath.Abs(c.Binary)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return nil, err
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	// #nosec G204 -- the binary under test, named by -server.
	cmd := exec.CommandContext(ctx, bin, "serve")
	cmd.Dir = c.Dir
	cmd.Env = []string{
		"APP_ENV=production", "LISTEN_ADDR=" + addr, "MENU_PATH=" + menu,
		"DATABASE_PATH=" + filepath.Join(c.Dir, "orders.db"),
		"VAPI_WEBHOOK_SECRET=" + c.Secret,
		"PII_ENCRYPTION_KEY=" + randomKey(), "PII_INDEX_KEY=" + randomKey(),
		// The limit is per call; a simulated call makes a dozen requests,
		// but a run must never be measuring 429s.
		"RATE_LIMIT=100000", "MAX_SESSIONS=1000", "KEBABALAB_NOW=" + c.Now,
		"LOG_LEVEL=info", "LOG_FORMAT=json",
	}
	return start(cmd, addr, filepath.Join(c.Dir, "server.log"))
}

// SpawnBaseline starts this program again as a baseline server of kind,
// so the baseline, like the real server, runs in its own process beside
// the load generator.
func SpawnBaseline(ctx context.Context, self, kind, logPath string) (*Process, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	// #nosec G204 -- this program itself, with arguments it chose.
	cmd := exec.CommandContext(ctx, self, "-serve-baseline", kind, "-listen", addr)
	return start(cmd, addr, logPath)
}

func start(cmd *exec.Cmd, addr, logPath string) (*Process, error) {
	// #nosec G304 -- a log file in the run's own scratch directory.
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	p := &Process{URL: "http://" + addr, cmd: cmd, exited: make(chan error, 1),
		logFile: logFile}
	began := time.Now()
	if err := cmd.Start(); err != nil {
		_ = logFile.Close()
		return nil, fmt.Errorf("loadgen: start %s: %w", cmd.Path, err)
	}
	go func() { p.exited <- cmd.Wait() }()
	if err := p.waitReady(10 * time.Second); err != nil {
		p.Stop()
		return nil, fmt.Errorf("loadgen: %s (see %s): %w", cmd.Path, logPath, err)
	}
	p.Ready = time.Since(began)
	return p, nil
}

// waitReady polls /readyz every millisecond until it answers 200.
func (p *Process) waitReady(limit time.Duration) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case err := <-p.exited:
			p.exited <- err
			return fmt.Errorf("exited before ready: %v", err)
		default:
		}
		resp, err := client.Get(p.URL + "/readyz")
		if err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				client.CloseIdleConnections()
				return nil
			}
		}
		time.Sleep(time.Millisecond)
	}
	return fmt.Errorf("not ready after %s", limit)
}

// Memory is a process's resident set, from /proc/<pid>/status.
type Memory struct {
	RSS  int64 // VmRSS, bytes
	Peak int64 // VmHWM, bytes: the highest RSS so far
}

// Memory reads the process's current and peak resident set size.
func (p *Process) Memory() (Memory, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return Memory{}, err
	}
	defer f.Close()
	var m Memory
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if !ok || (key != "VmRSS" && key != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(val), " kB"), 10, 64)
		if err != nil {
			return Memory{}, fmt.Errorf("loadgen: %s: %q", key, val)
		}
		if key == "VmRSS" {
			m.RSS = kb << 10
		} else {
			m.Peak = kb << 10
		}
	}
	return m, sc.Err()
}

// CPUTime returns the CPU time the process has used so far, user and
// system, from /proc/<pid>/stat. On a shared machine it is a steadier
// measure of cost than throughput: other work delays a request, but does
// not make it use more CPU.
func (p *Process) CPUTime() (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	// The command name, in parentheses, may hold spaces: fields count from
	// the last ')'. utime and stime are fields 14 and 15.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("loadgen: short /proc/%d/stat", p.cmd.Process.Pid)
	}
	var ticks int64
	for _, v := range f[11:13] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, err
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / userHZ, nil
}

// userHZ is the unit of /proc's CPU times: 100 per second on every Linux
// architecture Go supports.
const userHZ = 100

// Stop asks the process to shut down (SIGTERM), waits up to 15 s, then
// kills it.
func (p *Process) Stop() {
	defer p.logFile.Close()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
	case <-time.After(15 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func randomKey() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return base64.StdEncoding.EncodeToString(b[:])
}
