package abuse

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The server's timeouts are constants in internal/app (serve.go): headers
// must arrive within 5 s and the whole request within 15 s. The tests
// allow that plus slack for a loaded machine, and no more.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 15 * time.Second
	slack             = 5 * time.Second
)

// drip writes head at once, then one byte of tail every interval until
// the server closes the connection or tail runs out. It returns how long
// the connection lasted and what the server sent back.
func drip(t *testing.T, addr, head, tail string, interval time.Duration) (time.Duration,
	string,
) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	began := time.Now()
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte, 1)
	go func() {
		b, _ := io.ReadAll(conn) // until the server closes or resets
		got <- b
	}()
	for i := 0; i < len(tail); i++ {
		select {
		case b := <-got:
			return time.Since(began), string(b)
		case <-time.After(interval):
		}
		if _, err := conn.Write([]byte{tail[i]}); err != nil {
			break // the server has gone away
		}
	}
	select {
	case b := <-got:
		return time.Since(began), string(b)
	case <-time.After(readTimeout + slack):
		t.Fatal("the server kept a dripping connection open")
		return 0, ""
	}
}

// A client trickling its headers (slowloris) is cut off by the header
// timeout, without an answer, while the server goes on serving others.
func TestSlow_HeadersAreCutOff(t *testing.T) {
	t.Parallel()
	s := start(t, nil)
	head := "POST /webhook HTTP/1.1\r\nHost: " + s.Addr() + "\r\n"
	tail := strings.Repeat("X-Slow: a\r\n", 1000)
	lasted, _ := drip(t, s.Addr(), head, tail, 200*time.Millisecond)
	if lasted < readHeaderTimeout-time.Second || lasted > readHeaderTimeout+slack {
		t.Fatalf("connection lasted %v, want about the %v header timeout", lasted,
			readHeaderTimeout)
	}
	s.noOrders()
	s.checkAlive()
}

// A client trickling its body is cut off by the read timeout. The handler
// sees the read fail and answers 400 (or the connection just closes); no
// session is made and nothing is stored.
func TestSlow_BodyIsCutOff(t *testing.T) {
	t.Parallel()
	s := start(t, nil)
	body := string(addKebab("call-slow-body"))
	head := "POST /webhook HTTP/1.1\r\nHost: " + s.Addr() + "\r\n" +
		"Content-Type: application/json\r\nX-Vapi-Secret: " + secret + "\r\n" +
		"Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n"
	lasted, out := drip(t, s.Addr(), head, body, 250*time.Millisecond)
	if lasted < readTimeout-time.Second || lasted > readTimeout+slack {
		t.Fatalf("connection lasted %v, want about the %v read timeout", lasted, readTimeout)
	}
	if out != "" {
		resp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(out)), nil)
		if err != nil {
			t.Fatalf("unreadable answer %q: %v", out, err)
		}
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusBadRequest || strings.Contains(string(b), "timeout") {
			t.Fatalf("got %d %s, want 400 with a generic body", resp.StatusCode, b)
		}
	}
	if n := s.metric("kebabalab_active_sessions"); n != 0 {
		t.Fatalf("a cut-off request made %v sessions", n)
	}
	s.noOrders()
	s.checkAlive()
}

// Headers far over the server's cap are refused with 431 before anything
// reads them, and the server goes on serving.
func TestHuge_OneMebibyteOfHeaders(t *testing.T) {
	t.Parallel()
	s := start(t, nil)
	for _, shape := range []struct {
		name  string
		value func() http.Header
	}{
		{"one 1 MiB header", func() http.Header {
			return http.Header{"X-Big": {strings.Repeat("a", 1<<20)}}
		}},
		{"4096 headers of 256 bytes", func() http.Header {
			h := http.Header{}
			for i := range 4096 {
				h.Set("X-H"+strconv.Itoa(i), strings.Repeat("b", 256))
			}
			return h
		}},
	} {
		req, _ := http.NewRequest(http.MethodPost, s.URL+"/webhook",
			bytes.NewReader(addKebab("call-big-headers")))
		req.Header = shape.value()
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Vapi-Secret", secret)
		resp, err := s.client.Do(req)
		if err != nil {
			// The server may close before reading everything we sent;
			// the status then never reaches us. That is a refusal too.
			var ne net.Error
			if !errors.As(err, &ne) && !strings.Contains(err.Error(), "reset") &&
				!strings.Contains(err.Error(), "broken pipe") {
				t.Fatalf("%s: %v", shape.name, err)
			}
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
			t.Fatalf("%s: got %d, want 431", shape.name, resp.StatusCode)
		}
	}
	if n := s.metric("kebabalab_active_sessions"); n != 0 {
		t.Fatalf("refused requests made %v sessions", n)
	}
	s.noOrders()
	s.checkAlive()
}

// A body one byte over MAX_BODY_BYTES is refused with 413, whether it
// declares its length or comes chunked; one at the cap is served.
func TestHuge_BodyJustOverTheCap(t *testing.T) {
	t.Parallel()
	const limit = 64 << 10
	s := start(t, map[string]string{"MAX_BODY_BYTES": strconv.Itoa(limit)})
	// padded returns a valid envelope of exactly n bytes: the padding is a
	// field the server ignores.
	padded := func(callID string, n int) []byte {
		b := addKebab(callID)
		head := []byte(`{"padding":"`)
		pad := n - len(b) - len(head) - len(`",`) + 1
		out := append(append(head, bytes.Repeat([]byte("p"), pad)...), `",`...)
		out = append(out, b[1:]...)
		if len(out) != n {
			t.Fatalf("padded body is %d bytes, want %d", len(out), n)
		}
		return out
	}
	over := padded("call-over", limit+1)
	if r := s.post(over, withHMAC(secret)); r.Code != http.StatusRequestEntityTooLarge ||
		!strings.Contains(string(r.Body), "request body too large") {
		t.Fatalf("declared length: got %s, want 413", r)
	}
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/webhook",
		io.MultiReader(bytes.NewReader(over))) // no length: sent chunked
	req.Header.Set("Content-Type", "application/json")
	withHMAC(secret)(req.Header, over)
	if r := s.do(req); r.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("chunked: got %s, want 413", r)
	}
	if n := s.metric("kebabalab_active_sessions"); n != 0 {
		t.Fatalf("refused bodies made %v sessions", n)
	}
	s.noOrders()

	res := reply(t, s.post(padded("call-at-cap", limit), withHMAC(secret)))
	if len(res) != 1 || !strings.Contains(res[0].Result, `"ok":true`) {
		t.Fatalf("body at the cap: got %+v", res)
	}
	s.checkAlive()
}
