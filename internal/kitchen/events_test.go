package kitchen_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/kitchen"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// eventStream is an open /kitchen/events connection.
type eventStream struct {
	t    *testing.T
	body io.ReadCloser
	r    *bufio.Reader
}

// openEvents connects as a signed-in tablet. The context bounds the whole
// test's reading, so a missing event fails instead of hanging.
func (s *stack) openEvents(cookie string) *eventStream {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	s.t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.srv.URL+"/kitchen/events", nil)
	req.Header.Set("Cookie", cookie)
	resp, err := s.srv.Client().Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != http.StatusOK ||
		resp.Header.Get("Content-Type") != "text/event-stream" {
		s.t.Fatalf("events: got %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return &eventStream{t: s.t, body: resp.Body, r: bufio.NewReader(resp.Body)}
}

// next returns the next board event's data.
func (e *eventStream) next() (string, error) {
	var name string
	var data []string
	for {
		line, err := e.r.ReadString('\n')
		if err != nil {
			return "", err
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "" && name == "board":
			return strings.Join(data, "\n"), nil
		case line == "":
			name, data = "", nil
		case strings.HasPrefix(line, "event: "):
			name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = append(data, strings.TrimPrefix(line, "data: "))
		}
	}
}

// until reads board events until one satisfies ok.
func (e *eventStream) until(what string, ok func(board string) bool) string {
	e.t.Helper()
	for {
		b, err := e.next()
		if err != nil {
			e.t.Fatalf("stream ended waiting for %s: %v", what, err)
		}
		if ok(b) {
			return b
		}
	}
}

func hasOrder(number string) func(string) bool {
	return func(b string) bool { return strings.Contains(b, `id="order-`+number+`"`) }
}

// inColumn reports whether the order's card sits in the status's column.
func inColumn(number string, status sqlite.Status) func(string) bool {
	return func(b string) bool {
		_, col, ok := strings.Cut(b, `class="column col-`+string(status)+`"`)
		col, _, _ = strings.Cut(col, "</section>")
		return ok && strings.Contains(col, `id="order-`+number+`"`)
	}
}

// An order stored by another part of the program appears on an open board
// through the poll alone, with no poke and no reload.
func TestEvents_NewOrderFoundByPoll(t *testing.T) {
	s := newStack(t, func(o *kitchen.Options) { o.Poll = 5 * time.Millisecond })
	ev := s.openEvents(s.signIn())
	first := ev.until("the first board", func(string) bool { return true })
	if !strings.Contains(first, `data-latest="0"`) {
		t.Fatalf("got first board %s, want an empty one", first)
	}
	o := s.placeOrder("Sam", callerMobile, false)
	b := ev.until("the new order", hasOrder(o.Number))
	if !inColumn(o.Number, sqlite.StatusPending)(b) || !strings.Contains(b, `data-latest="1"`) {
		t.Fatalf("got board %s, want the order under New", b)
	}
}

// A poke redraws at once; the poll here would take an hour.
func TestEvents_PokeAndStatusChanges(t *testing.T) {
	s := newStack(t, func(o *kitchen.Options) { o.Poll = time.Hour })
	ev := s.openEvents(s.signIn())
	ev.until("the first board", func(string) bool { return true })
	o := s.placeOrder("Sam", callerMobile, false)
	s.kitchen.Poke()
	ev.until("the poked order", hasOrder(o.Number))

	for _, to := range []sqlite.Status{sqlite.StatusPreparing, sqlite.StatusReady} {
		resp, body := s.bearer(http.MethodPost, "/admin/orders/"+o.Number+"/status",
			map[string]string{"status": string(to)})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("move to %s: got %d %s", to, resp.StatusCode, body)
		}
		ev.until("the order in "+string(to), inColumn(o.Number, to))
	}
	s.bearer(http.MethodPost, "/admin/orders/"+o.Number+"/status",
		map[string]string{"status": "collected"})
	ev.until("the order gone", func(b string) bool { return !hasOrder(o.Number)(b) })
}

// Close ends every stream, so shutdown is not held up by open boards.
func TestEvents_CloseEndsStreams(t *testing.T) {
	s := newStack(t)
	ev := s.openEvents(s.signIn())
	ev.until("the first board", func(string) bool { return true })
	s.kitchen.Close()
	for {
		_, err := ev.next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("got %v, want the stream to end cleanly", err)
		}
	}
}

func TestEvents_NeedASession(t *testing.T) {
	s := newStack(t)
	resp, _ := s.request(http.MethodGet, "/kitchen/events", nil)
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("got %d, want 401", resp.StatusCode)
	}
	resp, _ = s.bearer(http.MethodGet, "/kitchen/events", nil)
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("bearer on the page stream: got %d, want 401 (the page is for tablets)",
			resp.StatusCode)
	}
}
