package vapi_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/loadgen"
	"github.com/kebabalab/kebabalab/internal/vapi"
)

// envelope returns a 31 KB tool-calls envelope as the load generator sends
// it: the call, assistant and artifact of a mid-length conversation.
func envelope(b *testing.B) []byte {
	b.Helper()
	s, err := loadgen.LoadScript()
	if err != nil {
		b.Fatal(err)
	}
	defs, err := loadgen.Definitions("../../menu.json", "https://shop.example.com")
	if err != nil {
		b.Fatal(err)
	}
	bld, err := loadgen.NewBuilder(s, defs)
	if err != nil {
		b.Fatal(err)
	}
	c := bld.NewCall("019df389-f94e-7002-8940-b671d8f4f2de", "+61491570006", time.Now())
	st := s.Flow[3] // editCartItem, the largest arguments of the flow
	return bld.Body(c, c.NextToolCallID(), st.Tool, st.Arguments, time.Now())
}

// BenchmarkDecode is the server's envelope decoder on a 31 KB body.
func BenchmarkDecode(b *testing.B) {
	body := envelope(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		msg, err := vapi.Decode(body)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := msg.Calls(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeStdlib decodes the same body into the same structs with
// encoding/json: the cost Decode avoids.
func BenchmarkDecodeStdlib(b *testing.B) {
	body := envelope(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var env stdEnvelope
		if err := json.Unmarshal(body, &env); err != nil || env.Message == nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkArguments normalises the documented string form of arguments.
func BenchmarkArguments(b *testing.B) {
	raw := json.RawMessage(`"{\"itemIndex\":0,\"modifications\":{\"salads\":[\"lettuce\",` +
		`\"tomato\",\"onion\"],\"extras\":[\"cheese\"]}}"`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := vapi.Arguments(raw); err != nil {
			b.Fatal(err)
		}
	}
}
