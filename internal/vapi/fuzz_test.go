package vapi_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/kebabalab/kebabalab/internal/vapi"
)

// seedEnvelopes adds every captured and constructed VAPI payload the
// webhook tests use, plus shapes at the edges of the grammar.
func seedEnvelopes(f *testing.F) {
	files, err := filepath.Glob("../webhook/testdata/*.json")
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed envelopes: %v", err)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		``, `null`, `[]`, `{}`, `{"message":null}`, `{"message":"x"}`,
		`{"Message":{"TYPE":"tool-calls","toolCallList":[{"id":"a","name":"n"}]}}`,
		`{"message":{"type":"a","type":"b"}}`,
		`{"message":{"type":"tool-calls","toolCallList":[{"id":"a","function":` +
			`{"name":"n","arguments":"{\"x\":1}"}}]}}`,
		`{"message":{"type":"tool-calls","toolCalls":[{"id":"a","function":` +
			`{"name":"n","arguments":"\"nested\""}}]}}`,
		`{"message":{"type":"tool-calls","toolWithToolCallList":[{"name":"n",` +
			`"toolCall":{"id":"a","parameters":null}}]}}`,
		"{\"message\":{\"type\":\"x\xff\",\"call\":{\"id\":\"\\ud800\"}}}",
		`{"message":{"type":"x","artifact":[[[[[[[[[[1e999]]]]]]]]]]}}`,
		`{"message":{"timestamp":"2024-07-26T22:20:57.931Z","chat":{"id":"c"}}}`,
	} {
		f.Add([]byte(s))
	}
}

// stdEnvelope mirrors what Decode reads, decoded by encoding/json.
type stdEnvelope struct {
	Message *vapi.Message `json:"message"`
}

// FuzzDecode checks that the envelope decoder never panics, agrees with
// encoding/json on which bodies are acceptable and on every field it
// extracts, and that tool calls and their arguments come out either as an
// error or as a JSON object.
func FuzzDecode(f *testing.F) {
	seedEnvelopes(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		msg, err := vapi.Decode(body)
		var std stdEnvelope
		stdErr := json.Unmarshal(body, &std)
		if stdErr == nil && std.Message == nil {
			stdErr = vapi.ErrNoMessage
		}
		if (err == nil) != (stdErr == nil) {
			t.Fatalf("Decode error %v, encoding/json error %v", err, stdErr)
		}
		if err != nil {
			return
		}
		if !reflect.DeepEqual(msg, std.Message) {
			t.Fatalf("Decode and encoding/json disagree:\n%+v\n%+v", msg, std.Message)
		}
		_, _, _ = msg.CallID(), msg.CallerNumber(), msg.Ended()
		calls, err := msg.Calls()
		if err != nil {
			return
		}
		if len(calls) > vapi.MaxToolCalls {
			t.Fatalf("%d calls passed the cap of %d", len(calls), vapi.MaxToolCalls)
		}
		for i := range calls {
			if calls[i].ID == "" {
				t.Fatal("a call without an id passed")
			}
			_ = calls[i].FunctionName()
			checkArguments(t, calls[i].RawArguments())
		}
	})
}

// FuzzArguments checks that tool arguments come out as a JSON object or
// as ErrArguments, whatever arrives.
func FuzzArguments(f *testing.F) {
	for _, s := range []string{``, `null`, `""`, `"null"`, `"{}"`, `{}`, `{"a":1}`,
		`"{\"a\":1}"`, `"\"{}\""`, `[1]`, `"[1]"`, `1`, `true`, ` { } `, `"  "`,
		`{"a":`, `"{\"a\":"`, "\"\\u0000\"", `{"a":"\ud800"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkArguments(t, raw)
	})
}

func checkArguments(t *testing.T, raw json.RawMessage) {
	t.Helper()
	args, err := vapi.Arguments(raw)
	if err != nil {
		if err != vapi.ErrArguments {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(args, &obj); err != nil {
		t.Fatalf("arguments %q are not a JSON object: %v", args, err)
	}
}
