package webhook

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestWebhook_EnvelopeFixtures(t *testing.T) {
	ts := newTestServer(t, nil)
	tests := []struct {
		file  string
		ids   []string
		names []string
		args  []string // compact JSON each handler must have received
	}{
		{"tool-calls-inbound-capture.json", []string{"call_iIGzUCVCRTwEperQuqW1NqDB"},
			[]string{"bookAppointment2"}, []string{`"name":"Niraj"`}},
		{"tool-calls-webcall.json", []string{"call_Wq8s0cLh3nVZxP2mB7tK4dYe"},
			[]string{"lookup_order"}, []string{`{"orderNumber":"A-10442"}`}},
		{"tool-calls-string-arguments.json", []string{"call_Wq8s0cLh3nVZxP2mB7tK4dYe"},
			[]string{"lookup_order"}, []string{`{"orderNumber":"A-10442"}`}},
		{"tool-calls-tool-with-list-only.json", []string{"call_Wq8s0cLh3nVZxP2mB7tK4dYe"},
			[]string{"lookup_order"}, []string{`{"orderNumber":"A-10442"}`}},
		{"tool-calls-toolcalls-only.json", []string{"call_Wq8s0cLh3nVZxP2mB7tK4dYe"},
			[]string{"lookup_order"}, []string{`{"orderNumber":"A-10442"}`}},
		{"tool-calls-chat-iso-timestamp.json", []string{"call_Wq8s0cLh3nVZxP2mB7tK4dYe"},
			[]string{"lookup_order"}, []string{`"orderNumber"`}},
		{"tool-calls-parallel.json",
			[]string{"call_7Hn2kQpXf3LmA9sR1tVb0ZcY", "call_Bv4eT8yUo1NpQ6wK2jHs5XrM"},
			[]string{"get_customer_profile", "check_availability"},
			[]string{`{}`, `"service":"cleaning"`}},
		{"tool-calls-docs-flattened.json", []string{"abc123"}, []string{"sendEmail"},
			[]string{`"emailAddress":"john@example.com"`}},
		{"tool-calls-arguments-empty-object.json", []string{"call_7Hn2kQpXf3LmA9sR1tVb0ZcY"},
			[]string{"get_customer_profile"}, []string{`{}`}},
		{"tool-calls-arguments-empty-string.json", []string{"call_7Hn2kQpXf3LmA9sR1tVb0ZcY"},
			[]string{"get_customer_profile"}, []string{`{}`}},
		{"tool-calls-arguments-null.json", []string{"call_7Hn2kQpXf3LmA9sR1tVb0ZcY"},
			[]string{"get_customer_profile"}, []string{`{}`}},
		{"tool-calls-arguments-absent.json", []string{"call_7Hn2kQpXf3LmA9sR1tVb0ZcY"},
			[]string{"get_customer_profile"}, []string{`{}`}},
	}
	// Chat API traffic has no call: the chat id keys the session.
	sessionKey := map[string]string{
		"tool-calls-chat-iso-timestamp.json": "chat_5b0c2f4e-1e7a-4a0b-9d44-7c1f0e2d3a11",
		"tool-calls-webcall.json":            "72d42a66-24c8-4b92-970c-93ea66349dd5",
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			code, body := ts.postAuthed(t, fixture(t, tt.file))
			if code != http.StatusOK {
				t.Fatalf("got status %d (%s), want 200", code, body)
			}
			r := decodeReply(t, body)
			if len(r.Results) != len(tt.ids) {
				t.Fatalf("got %d results, want %d: %s", len(r.Results), len(tt.ids), body)
			}
			for i, res := range r.Results {
				if res.ToolCallID != tt.ids[i] || res.Name != tt.names[i] || res.Error != "" {
					t.Errorf("result %d: got %+v, want id %s name %s", i, res, tt.ids[i], tt.names[i])
				}
				if strings.Contains(res.Result, "\n") {
					t.Errorf("result %d is multi-line", i)
				}
				var got struct {
					Args   json.RawMessage
					CallID string
				}
				if err := json.Unmarshal([]byte(res.Result), &got); err != nil {
					t.Fatalf("result is not a JSON string: %v", err)
				}
				if !strings.Contains(string(got.Args), tt.args[i]) {
					t.Errorf("result %d args %s, want to contain %s", i, got.Args, tt.args[i])
				}
				if want, ok := sessionKey[tt.file]; ok && got.CallID != want {
					t.Errorf("result %d ran for call %q, want %q", i, got.CallID, want)
				}
			}
		})
	}
}

func TestWebhook_OtherMessageTypes(t *testing.T) {
	ts := newTestServer(t, nil)
	tests := []struct {
		file, want string
	}{
		{"function-call-legacy.json", `{"result":"{\"args\":{\"emailAddress\":\"john@example.com\"},\"callId\":\"\",\"ok\":true}"}`},
		{"status-update-ended.json", `{}`},
		{"end-of-call-report-2024.json", `{}`},
		{"speech-update.json", `{}`},
		{"user-interrupted.json", `{}`},
		{"transcript.json", `{}`},
		{"transfer-destination-request.json", `{"destination":{"type":"number","number":"+61395345588"},"message":{"type":"request-start","message":"Putting you through to the shop now."}}`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			code, body := ts.postAuthed(t, fixture(t, tt.file))
			if code != http.StatusOK || strings.TrimSpace(string(body)) != tt.want {
				t.Fatalf("got %d %s, want 200 %s", code, body, tt.want)
			}
		})
	}
}

func TestWebhook_ToolOutcomes(t *testing.T) {
	ts := newTestServer(t, nil)
	body := toolCalls("call-1",
		[3]string{"t1", "refuse", ""},
		[3]string{"t2", "boom", ""},
		[3]string{"t3", "panics", ""},
		[3]string{"t4", "noSuchTool", ""},
		[3]string{"t5", "lookup_order", `"[1,2]"`},
		[3]string{"t6", "lookup_order", `[1,2]`},
		[3]string{"t7", "lookup_order", `{"orderNumber":"7"}`},
		[3]string{"t8", "", `{}`}, // a call without a name fails alone
		[3]string{"t9", "lookup_order", `""`},
		[3]string{"t10", "lookup_order", `"null"`},
	)
	code, raw := ts.postAuthed(t, body)
	if code != http.StatusOK {
		t.Fatalf("got %d: %s", code, raw)
	}
	r := decodeReply(t, raw)
	want := []struct{ result, err string }{
		{`{"ok":false,"error":"Small or large?"}`, ""},
		{"", msgInternalTool},
		{"", msgInternalTool},
		{"", "This tool is not available on this server."},
		{"", "The arguments for this tool must be a JSON object."},
		{"", "The arguments for this tool must be a JSON object."},
		{`{"args":{"orderNumber":"7"},"callId":"call-1","ok":true}`, ""},
		{"", "This tool is not available on this server."},
		// An empty string, or a string holding null, means no arguments.
		{`{"args":{},"callId":"call-1","ok":true}`, ""},
		{`{"args":{},"callId":"call-1","ok":true}`, ""},
	}
	if len(r.Results) != len(want) {
		t.Fatalf("got %d results, want %d", len(r.Results), len(want))
	}
	for i, w := range want {
		if got := r.Results[i]; got.Result != w.result || got.Error != w.err {
			t.Errorf("result %d: got %+v, want result %q error %q", i, got, w.result, w.err)
		}
		// Every entry, error or not, answers its own call, in order.
		if id := r.Results[i].ToolCallID; id != "t"+strconv.Itoa(i+1) {
			t.Errorf("result %d answers tool call %q, want t%d", i, id, i+1)
		}
	}
	if strings.Contains(string(raw), "exploded") || strings.Contains(string(raw), "nil map") {
		t.Fatalf("internal detail leaked into reply: %s", raw)
	}
}

// Arguments that arrive pretty-printed, holding a newline in a value,
// still give a one-line result: VAPI drops multi-line ones.
func TestWebhook_ResultIsOneLine(t *testing.T) {
	ts := newTestServer(t, nil)
	body := []byte(`{"message": {"type": "tool-calls", "call": {"id": "c"},
  "toolCallList": [{"id": "t1", "type": "function", "function": {
    "name": "lookup_order",
    "arguments": {
      "note": "ring\nbell"
    }
  }}]}}`)
	code, raw := ts.postAuthed(t, body)
	r := decodeReply(t, raw)
	want := `{"args":{"note":"ring\nbell"},"callId":"c","ok":true}`
	if code != http.StatusOK || len(r.Results) != 1 || r.Results[0].Result != want {
		t.Fatalf("got %d %s, want the result %s", code, raw, want)
	}
}

const msgInternalTool = "Sorry, something went wrong on our side. Please try that again."

func TestWebhook_BadRequests(t *testing.T) {
	ts := newTestServer(t, func(o *Options) { o.MaxBodyBytes = 4096 })
	tooMany := make([][3]string, 33)
	for i := range tooMany {
		tooMany[i] = [3]string{"id" + string(rune('a'+i%26)) + string(rune('a'+i/26)), "lookup_order", ""}
	}
	tests := []struct {
		name, method, ctype, body string
		want                      int
		wantMsg                   string
	}{
		{"wrong method", http.MethodGet, "", "", http.StatusMethodNotAllowed, msgMethod},
		{"put", http.MethodPut, "application/json", "{}", http.StatusMethodNotAllowed, msgMethod},
		{"text body", http.MethodPost, "text/plain", "{}", http.StatusUnsupportedMediaType, msgContentType},
		{"no content type", http.MethodPost, "", "{}", http.StatusUnsupportedMediaType, msgContentType},
		{"too large", http.MethodPost, "application/json", `{"message":"` + strings.Repeat("x", 5000) + `"}`,
			http.StatusRequestEntityTooLarge, msgTooLarge},
		{"malformed", http.MethodPost, "application/json", `{"message":`, http.StatusBadRequest, msgMalformed},
		{"not an object", http.MethodPost, "application/json", `[1]`, http.StatusBadRequest, msgMalformed},
		{"no message", http.MethodPost, "application/json", `{"msg":{}}`, http.StatusBadRequest, msgNoMessageBody},
		{"no tool calls", http.MethodPost, "application/json", `{"message":{"type":"tool-calls"}}`,
			http.StatusBadRequest, msgNoToolCalls},
		{"tool call without id", http.MethodPost, "application/json",
			`{"message":{"type":"tool-calls","toolCallList":[{"function":{"name":"x"}}]}}`,
			http.StatusBadRequest, msgToolCallNoID},
		{"too many tool calls", http.MethodPost, "application/json", string(toolCalls("c", tooMany...)),
			http.StatusBadRequest, msgTooManyCalls},
		{"unknown type", http.MethodPost, "application/json", `{"message":{"type":"brand-new-event","x":1}}`,
			http.StatusOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, ts.URL+"/webhook", strings.NewReader(tt.body))
			if tt.ctype != "" {
				req.Header.Set("Content-Type", tt.ctype)
			}
			req.Header.Set("X-Vapi-Secret", secretA)
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var eb errorBody
			_ = json.NewDecoder(resp.Body).Decode(&eb)
			if resp.StatusCode != tt.want || eb.Error != tt.wantMsg {
				t.Fatalf("got %d %q, want %d %q", resp.StatusCode, eb.Error, tt.want, tt.wantMsg)
			}
			if tt.want >= 400 && eb.RequestID == "" {
				t.Error("error body has no request id")
			}
		})
	}
}
