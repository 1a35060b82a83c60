package abuse

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver, for reading the server's file

	"github.com/kebabalab/kebabalab/internal/webhook"
)

// callerNumber is the caller id the envelopes carry: a mobile set aside
// for fiction.
const callerNumber = "+61491570006"

// auth adds credentials to a request.
type auth func(h http.Header, body []byte)

func withSecret(v string) auth {
	return func(h http.Header, _ []byte) { h.Set("X-Vapi-Secret", v) }
}

func withBearer(v string) auth {
	return func(h http.Header, _ []byte) { h.Set("Authorization", "Bearer "+v) }
}

// withHMAC signs the body under key at the current time, as VAPI does.
func withHMAC(key string) auth {
	return withHMACAt(key, time.Now())
}

func withHMACAt(key string, at time.Time) auth {
	return func(h http.Header, body []byte) {
		ts := strconv.FormatInt(at.Unix(), 10)
		h.Set("X-Timestamp", ts)
		h.Set("X-Signature", webhook.Sign(key, ts, body))
	}
}

func noAuth(http.Header, []byte) {}

// response is what the server answered.
type response struct {
	Code   int
	Header http.Header
	Body   []byte
}

func (r response) String() string {
	return strconv.Itoa(r.Code) + " " + string(r.Body)
}

// post sends body to /webhook as JSON with the credentials of a and any
// extra headers.
func (s *server) post(body []byte, a auth, extra ...string) response {
	s.t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL+"/webhook", bytes.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(extra); i += 2 {
		req.Header.Set(extra[i], extra[i+1])
	}
	a(req.Header, body)
	return s.do(req)
}

func (s *server) do(req *http.Request) response {
	s.t.Helper()
	resp, err := s.client.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v\n%s", req.Method, req.URL.Path, err, s.logs)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return response{Code: resp.StatusCode, Header: resp.Header, Body: b}
}

// toolCall is one call in a tool-calls message. Args is sent as given:
// an object, or a string for the JSON-string form.
type toolCall struct {
	ID   string
	Name string
	Args any
}

var toolCallSeq atomic.Int64

// newID returns a tool call id in VAPI's style, unique within the run.
func newID() string {
	return "call_abuse" + strconv.FormatInt(toolCallSeq.Add(1), 10)
}

// envelope builds a tool-calls message as VAPI sends it for an inbound
// phone call: the calls under both toolCallList and toolCalls, the call
// with its customer, the phone number and an artifact.
func envelope(callID string, calls ...toolCall) []byte {
	list := make([]any, len(calls))
	for i, c := range calls {
		list[i] = map[string]any{"id": c.ID, "type": "function",
			"function": map[string]any{"name": c.Name, "arguments": c.Args}}
	}
	customer := map[string]any{"number": callerNumber}
	msg := map[string]any{
		"type": "tool-calls", "timestamp": time.Now().UnixMilli(),
		"toolCallList": list, "toolCalls": list,
		"call": map[string]any{"id": callID, "orgId": "org-abuse",
			"type": "inboundPhoneCall", "status": "in-progress", "customer": customer},
		"customer":    customer,
		"phoneNumber": map[string]any{"number": "+61395345588"},
		"artifact": map[string]any{"messages": []any{
			map[string]any{"role": "bot", "message": "Thanks for calling, what can I get you?"},
		}},
		"assistant": map[string]any{"name": "kebabalab"},
	}
	b, err := json.Marshal(map[string]any{"message": msg})
	if err != nil {
		panic(err)
	}
	return b
}

// result is one entry of a tool-calls reply.
type result struct {
	Name       string `json:"name"`
	ToolCallID string `json:"toolCallId"`
	Result     string `json:"result"`
	Error      string `json:"error"`
}

// reply decodes a 200 tool-calls reply, failing the test on anything else.
func reply(t *testing.T, r response) []result {
	t.Helper()
	if r.Code != http.StatusOK {
		t.Fatalf("got %s, want 200", r)
	}
	var out struct {
		Results []result `json:"results"`
	}
	if err := json.Unmarshal(r.Body, &out); err != nil {
		t.Fatalf("reply %s: %v", r.Body, err)
	}
	return out.Results
}

// call sends one authenticated tool call on callID and returns its result
// decoded. An error entry fails the test.
func (s *server) call(callID, name string, args any) map[string]any {
	s.t.Helper()
	res := reply(s.t, s.post(envelope(callID, toolCall{newID(), name, args}), withSecret(secret)))
	if len(res) != 1 || res[0].Error != "" {
		s.t.Fatalf("%s: got %+v", name, res)
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(res[0].Result), &out); err != nil {
		s.t.Fatalf("%s: result %q: %v", name, res[0].Result, err)
	}
	return out
}

// refused sends a tool call that must be turned down, and returns the
// sentence the assistant would say.
func (s *server) refused(callID, name string, args any) string {
	s.t.Helper()
	out := s.call(callID, name, args)
	if out["ok"] != false {
		s.t.Fatalf("%s %v: got %v, want a refusal", name, args, out)
	}
	msg, _ := out["error"].(string)
	return msg
}

// cartLines returns how many lines the call's cart holds.
func (s *server) cartLines(callID string) int {
	s.t.Helper()
	out := s.call(callID, "getCartState", nil)
	items, _ := out["cart"].([]any)
	return len(items)
}

// metrics scrapes /metrics with the admin token.
func (s *server) metrics() string {
	s.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+adminToken)
	r := s.do(req)
	if r.Code != http.StatusOK {
		s.t.Fatalf("metrics: got %s", r)
	}
	return string(r.Body)
}

// metric returns the value of the sample whose name and labels are
// exactly series, or 0 when there is none.
func (s *server) metric(series string) float64 {
	s.t.Helper()
	for _, line := range strings.Split(s.metrics(), "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				s.t.Fatalf("metric %s: %v", line, err)
			}
			return f
		}
	}
	return 0
}

// db opens the server's database read-only, beside the running server.
func (s *server) db() *sql.DB {
	s.t.Helper()
	if s.ro != nil {
		return s.ro
	}
	if _, err := os.Stat(s.DBPath); err != nil {
		s.t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+s.DBPath+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() { db.Close() })
	s.ro = db
	return db
}

// rows counts the rows of a table (a fixed name from the test, never
// input) matching an optional condition.
func (s *server) rows(table, where string, args ...any) int {
	s.t.Helper()
	q := "SELECT count(*) FROM " + table
	if where != "" {
		q += " WHERE " + where
	}
	db := s.db()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		s.t.Fatalf("%s: %v", q, err)
	}
	return n
}

// tables lists the database's tables, to show that nothing was dropped or
// created behind the program's back.
func (s *server) tables() string {
	s.t.Helper()
	rows, err := s.db().Query(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
	if err != nil {
		s.t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			s.t.Fatal(err)
		}
		names = append(names, n)
	}
	return strings.Join(names, ",")
}

// noOrders checks that nothing was ordered or texted.
func (s *server) noOrders() {
	s.t.Helper()
	for _, table := range []string{"orders", "order_lines", "sms_outbox"} {
		if n := s.rows(table, ""); n != 0 {
			s.t.Fatalf("%s has %d rows, want none", table, n)
		}
	}
}
