package vapi_test

import (
	"bytes"
	"testing"

	"github.com/kebabalab/kebabalab/internal/vapi"
)

// The webhook reuses request buffers once a request is answered, so what
// Decode returns must not refer to the body it was given.
func TestDecode_DoesNotReferToBody(t *testing.T) {
	body := []byte(`{"message":{"type":"tool-calls","call":{"id":"call-1",` +
		`"customer":{"number":"+61491570006"}},"toolCallList":[{"id":"tc-1",` +
		`"function":{"name":"priceCart","arguments":{"a":"b"}}}]}}`)
	msg, err := vapi.Decode(body)
	if err != nil {
		t.Fatal(err)
	}
	copy(body, bytes.Repeat([]byte("x"), len(body)))
	calls, err := msg.Calls()
	if err != nil {
		t.Fatal(err)
	}
	if msg.Type != "tool-calls" || msg.CallID() != "call-1" ||
		msg.CallerNumber() != "+61491570006" || len(calls) != 1 || calls[0].ID != "tc-1" ||
		calls[0].FunctionName() != "priceCart" ||
		string(calls[0].RawArguments()) != `{"a":"b"}` {
		t.Fatalf("decoded message changed with the body: %+v %+v", msg, calls)
	}
}
