package abuse

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// rssKiB reads the resident set size of a process from /proc.
func rssKiB(t *testing.T, pid int) int {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				t.Fatalf("VmRSS %q: %v", v, err)
			}
			return n
		}
	}
	t.Fatal("no VmRSS in /proc status")
	return 0
}

// pipeline sends bodies on one connection, pipelined HTTP/1.1 style: a
// writer runs ahead of a reader that checks each answer is 200. It keeps
// the client cheap, so the test measures the server.
func pipeline(t *testing.T, addr string, bodies func(i int) []byte, from, to int,
	failures *atomic.Int64,
) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	werr := make(chan error, 1)
	go func() {
		w := bufio.NewWriterSize(conn, 64<<10)
		for i := from; i < to; i++ {
			b := bodies(i)
			fmt.Fprintf(w, "POST /webhook HTTP/1.1\r\nHost: %s\r\n"+
				"Content-Type: application/json\r\nX-Vapi-Secret: %s\r\n"+
				"Content-Length: %d\r\n\r\n", addr, secret, len(b))
			w.Write(b)
		}
		werr <- w.Flush()
	}()
	r := bufio.NewReaderSize(conn, 64<<10)
	for i := from; i < to; i++ {
		resp, err := http.ReadResponse(r, nil)
		if err != nil {
			return fmt.Errorf("answer %d: %w", i, err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			failures.Add(1)
		}
	}
	return <-werr
}

// 100,000 calls, each with its own call id, open 100,000 sessions: the
// server keeps at most MAX_SESSIONS of them, evicting the least recently
// used and counting each eviction, and its memory levels off instead of
// growing with the number of calls.
func TestSessions_HundredThousandCallIDsStayBounded(t *testing.T) {
	t.Parallel()
	const (
		calls       = 100_000
		maxSessions = 1000
		workers     = 4
	)
	// Each call id makes one request, so the per-call limit never bites.
	// The access log's info lines are left out: 100,000 of them would cost
	// more than the requests.
	s := start(t, map[string]string{"MAX_SESSIONS": strconv.Itoa(maxSessions),
		"LOG_LEVEL": "warn", "LISTEN_ADDR": freeAddr(t)})
	pid := s.cmd.Process.Pid
	body := func(i int) []byte {
		return []byte(`{"message":{"type":"tool-calls","call":{"id":"flood-` + strconv.Itoa(i) +
			`"},"toolCallList":[{"id":"t` + strconv.Itoa(i) + `","function":` +
			`{"name":"getCartState"}}]}}`)
	}
	var failures atomic.Int64
	send := func(from, to int) {
		t.Helper()
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		per := (to - from) / workers
		for w := range workers {
			wg.Go(func() {
				if err := pipeline(t, s.Addr(), body, from+w*per, from+(w+1)*per,
					&failures); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
	}
	s.call("call-before-the-flood", "addMultipleItemsToCart", map[string]any{"items": []any{kebab}})
	began := time.Now()
	send(0, calls/5)
	warm := rssKiB(t, pid)
	send(calls/5, calls)
	elapsed := time.Since(began)
	end := rssKiB(t, pid)
	t.Logf("%d calls in %v; RSS %d KiB after %d, %d KiB after %d", calls, elapsed, warm,
		calls/5, end, calls)

	if n := failures.Load(); n != 0 {
		t.Fatalf("%d of %d calls did not get 200", n, calls)
	}
	if n := s.metric("kebabalab_active_sessions"); n > maxSessions || n < maxSessions/2 {
		t.Fatalf("%v sessions held, want at most (and about) %d", n, maxSessions)
	}
	evicted := s.metric(`kebabalab_session_evictions_total{reason="capacity"}`)
	if evicted < calls-maxSessions {
		t.Fatalf("%v capacity evictions counted, want at least %d\n%s", evicted,
			calls-maxSessions, s.metrics())
	}
	// Four times the calls after warm-up may not cost more than a
	// generous 64 MiB: only the per-minute rate-limit counters grow with
	// the number of distinct calls, and those are a few bytes each.
	if end > warm+64<<10 || end > 512<<10 {
		t.Fatalf("RSS grew from %d KiB to %d KiB", warm, end)
	}
	// A call from before the flood was evicted; a call after it works.
	if n := s.cartLines("call-before-the-flood"); n != 0 {
		t.Fatalf("a call from before the flood kept its %d lines", n)
	}
	s.call("call-after-the-flood", "addMultipleItemsToCart", map[string]any{"items": []any{kebab}})
	if n := s.cartLines("call-after-the-flood"); n != 1 {
		t.Fatalf("a call after the flood has %d lines, want 1", n)
	}
	s.checkAlive()
	s.noOrders()
}
