package abuse

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

// generic400 checks a refused body is the server's short JSON error and
// nothing of the parser's.
func generic400(t *testing.T, name string, r response) {
	t.Helper()
	var eb struct {
		Error     string `json:"error"`
		RequestID string `json:"requestId"`
	}
	if r.Code != http.StatusBadRequest || json.Unmarshal(r.Body, &eb) != nil ||
		eb.Error == "" || eb.RequestID == "" {
		t.Fatalf("%s: got %s, want 400 with a generic JSON error", name, r)
	}
	for _, leak := range []string{"json", "invalid character", "offset", "goroutine", ".go:"} {
		if strings.Contains(strings.ToLower(eb.Error), leak) {
			t.Fatalf("%s: error %q shows parser internals", name, eb.Error)
		}
	}
}

// Bodies that are not JSON, or nest deeper than any parser should follow,
// are refused with a generic 400 before any tool runs.
func TestJSON_DeepAndInvalid(t *testing.T) {
	t.Parallel()
	s := start(t, nil)
	deep := func(open, close string, n int) []byte {
		return []byte(`{"message":{"type":"tool-calls","artifact":` +
			strings.Repeat(open, n) + strings.Repeat(close, n) + `}}`)
	}
	valid := addKebab("call-json")
	tests := []struct {
		name string
		body []byte
	}{
		{"arrays nested 100000 deep", deep("[", "]", 100_000)},
		{"objects nested 100000 deep", deep(`{"a":`, "}", 100_000)},
		{"unclosed nesting", []byte(`{"message":` + strings.Repeat("[", 50_000))},
		{"invalid UTF-8 between tokens", append([]byte{0xff, 0xfe}, valid...)},
		{"a lone continuation byte as a token", bytes.Replace(valid, []byte(`"type"`),
			[]byte{0x80}, 1)},
		{"truncated", valid[:len(valid)/2]},
		{"trailing garbage", append(append([]byte{}, valid...), []byte(`}{`)...)},
		{"NUL bytes", bytes.Repeat([]byte{0}, 1024)},
		{"not an object", []byte(`["message"]`)},
		{"no message", []byte(`{"msg":{"type":"tool-calls"}}`)},
		{"message of the wrong type", []byte(`{"message":"tool-calls"}`)},
		{"tool calls of the wrong type", []byte(`{"message":{"type":"tool-calls",` +
			`"toolCallList":{"id":"a"}}}`)},
	}
	for _, tc := range tests {
		generic400(t, tc.name, s.post(tc.body, withHMAC(secret)))
	}
	if n := s.metric("kebabalab_active_sessions"); n != 0 {
		t.Fatalf("refused bodies made %v sessions", n)
	}
	s.noOrders()
	s.checkAlive()
}

// Invalid UTF-8 inside strings is valid JSON as far as the decoder goes
// (it becomes U+FFFD). It must still never reach the cart, an order or the
// reply as raw bytes, and a name made of it is refused.
func TestJSON_InvalidUTF8InStrings(t *testing.T) {
	t.Parallel()
	s := start(t, nil)
	call := "call-utf8"
	bad := "\xff\xfe\xc3(\xed\xa0\x80" // bad start, bad continuation, a surrogate
	item := map[string]any{"category": "kebabs" + bad, "size": "large", "protein": "lamb"}
	body := envelope(call, toolCall{newID(), "addMultipleItemsToCart",
		map[string]any{"items": []any{item}}})
	// json.Marshal would repair the bytes; put them back raw.
	body = bytes.Replace(body, []byte(`kebabs\ufffd\ufffd\ufffd(\ufffd\ufffd\ufffd`),
		[]byte("kebabs"+bad), 1)
	if !bytes.Contains(body, []byte(bad)) {
		t.Fatal("the test body lost its invalid bytes")
	}
	// Menu words are matched loosely (punctuation and symbols are dropped),
	// so this may well be a kebab; either way the line is built from the
	// menu's own words and the reply carries none of the broken bytes.
	r := s.post(body, withSecret(secret))
	res := reply(t, r)
	if len(res) != 1 || !utf8.Valid(r.Body) ||
		strings.ContainsRune(res[0].Result, utf8.RuneError) {
		t.Fatalf("got %s, want an answer in valid UTF-8 without the broken bytes", r)
	}
	state := s.call(call, "getCartState", nil)
	if b, _ := json.Marshal(state); bytes.ContainsRune(b, utf8.RuneError) ||
		bytes.Contains(b, []byte("\\ufffd")) {
		t.Fatalf("the cart holds the broken bytes: %s", b)
	}
	s.call(call, "clearCart", nil)

	s.call(call, "addMultipleItemsToCart", map[string]any{"items": []any{kebab}})
	s.call(call, "setPickupTime", map[string]any{"requestedTime": "in 30 minutes"})
	body = envelope(call, toolCall{newID(), "createOrder",
		map[string]any{"customerName": "Alex NAME"}})
	body = bytes.Replace(body, []byte("NAME"), []byte(bad), 1)
	r = s.post(body, withSecret(secret))
	res = reply(t, r)
	if len(res) != 1 || !strings.Contains(res[0].Result, `"ok":false`) || !utf8.Valid(r.Body) {
		t.Fatalf("createOrder with a broken name: got %s, want a refusal", r)
	}
	s.noOrders()
	s.checkAlive()
}

// Numbers far outside any quantity, index or timestamp are refused as
// values, never wrap around into a valid quantity, and never fail the
// request as a whole.
func TestJSON_HugeNumbers(t *testing.T) {
	t.Parallel()
	s := start(t, nil)
	call := "call-numbers"
	for _, q := range []string{"1e400", "-1e400", "99999999999999999999999", "1e6",
		"9223372036854775808", "-9223372036854775809", "4294967297", "1.5", "0", "-1", "100",
		`"1e308"`} {
		body := []byte(strings.Replace(string(envelope(call, toolCall{newID(),
			"addMultipleItemsToCart", map[string]any{"items": []any{map[string]any{
				"category": "kebabs", "size": "large", "protein": "lamb", "quantity": "QTY"}}}})),
			`"QTY"`, q, 1))
		res := reply(t, s.post(body, withSecret(secret)))
		if len(res) != 1 || res[0].Error != "" || !strings.Contains(res[0].Result, `"ok":false`) {
			t.Fatalf("quantity %s: got %+v, want a refusal", q, res)
		}
	}
	if n := s.cartLines(call); n != 0 {
		t.Fatalf("the cart has %d lines after refused quantities", n)
	}
	s.call(call, "addMultipleItemsToCart", map[string]any{"items": []any{kebab}})
	for _, idx := range []string{"1e400", "18446744073709551616", "-1e300", "2147483648"} {
		body := []byte(strings.Replace(string(envelope(call, toolCall{newID(), "editCartItem",
			map[string]any{"itemIndex": "IDX", "modifications": map[string]any{"size": "small"}}})),
			`"IDX"`, idx, 1))
		res := reply(t, s.post(body, withSecret(secret)))
		if len(res) != 1 || !strings.Contains(res[0].Result, `"ok":false`) {
			t.Fatalf("itemIndex %s: got %+v, want a refusal", idx, res)
		}
	}
	// A huge number where the server reads nothing is just skipped.
	body := []byte(strings.Replace(string(addKebab(call)), `"type":"tool-calls"`,
		`"type":"tool-calls","cost":1e999999,"timestamp":`+strings.Repeat("9", 5000), 1))
	res := reply(t, s.post(body, withSecret(secret)))
	if len(res) != 1 || !strings.Contains(res[0].Result, `"ok":true`) {
		t.Fatalf("huge ignored numbers: got %+v", res)
	}
	out := s.call(call, "getCartState", nil)
	if lines, _ := out["cart"].([]any); len(lines) != 2 {
		t.Fatalf("cart %v, want the two kebabs", out)
	}
	s.checkAlive()
}
