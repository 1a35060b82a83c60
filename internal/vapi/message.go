// Package vapi decodes the webhook messages VAPI sends and encodes the
// replies it expects. It knows the wire protocol and nothing of the shop.
//
// Decoding reads only the fields the server uses. VAPI envelopes carry the
// whole assistant, call and transcript (often 30 KB and more); those parts
// are skipped, and unknown or extra fields never fail a request.
//
// The decoder is github.com/goccy/go-json rather than encoding/json. Both
// validate the whole body and fill the same tagged structs with the same
// rules (case-insensitive keys, last duplicate wins, a nesting limit), and
// the fuzz target FuzzDecode checks that they agree on every input; but
// encoding/json spends 0.25 to 0.7 ms skipping a 31 KB envelope's assistant
// and artifact, more than the whole of a tool call costs the server (see
// the decode baseline in BENCHMARKS.md), and goccy/go-json skips them in a
// tenth of that or less (BenchmarkDecode, BenchmarkDecodeStdlib).
package vapi

import (
	"bytes"
	"encoding/json"
	"errors"

	gojson "github.com/goccy/go-json"
)

// Message types the server acts on. Every other type is acknowledged.
const (
	TypeToolCalls           = "tool-calls"
	TypeFunctionCall        = "function-call"
	TypeStatusUpdate        = "status-update"
	TypeEndOfCallReport     = "end-of-call-report"
	TypeTransferDestination = "transfer-destination-request"
)

// MaxToolCalls caps the tool calls one message may carry. Models issue a
// handful in parallel at most; a message with more is refused whole.
const MaxToolCalls = 32

// Errors returned by Decode. Each maps to a 400 with a generic body.
var (
	ErrMalformed    = errors.New("vapi: body is not valid JSON")
	ErrNoMessage    = errors.New("vapi: body has no message object")
	ErrNoToolCalls  = errors.New("vapi: tool-calls message lists no tool calls")
	ErrTooManyCalls = errors.New("vapi: too many tool calls in one message")
	ErrToolCallID   = errors.New("vapi: tool call without an id")
)

// Message is the part of a VAPI server message the server reads.
type Message struct {
	Type   string `json:"type"`
	Status string `json:"status"`
	// Timestamp is epoch milliseconds in current traffic and an ISO-8601
	// string in older captures; it is kept raw because nothing depends on it.
	Timestamp json.RawMessage `json:"timestamp"`

	Call     *Call     `json:"call"`
	Chat     *idOnly   `json:"chat"`
	Customer *Customer `json:"customer"`

	ToolCallList         []ToolCall     `json:"toolCallList"`
	ToolCalls            []ToolCall     `json:"toolCalls"`
	ToolWithToolCallList []toolWithCall `json:"toolWithToolCallList"`
	FunctionCall         *FunctionCall  `json:"functionCall"`
}

// Call is the call snapshot VAPI embeds. Its status is stale by design, so
// only the id and the customer are read.
type Call struct {
	ID       string    `json:"id"`
	Customer *Customer `json:"customer"`
}

// Customer is the other party of a phone call.
type Customer struct {
	Number string `json:"number"`
}

type idOnly struct {
	ID string `json:"id"`
}

// FunctionCall is the legacy single-function form.
type FunctionCall struct {
	Name       string          `json:"name"`
	Parameters json.RawMessage `json:"parameters"`
}

type toolWithCall struct {
	Name     string    `json:"name"`
	ToolCall *ToolCall `json:"toolCall"`
	Function *struct {
		Name string `json:"name"`
	} `json:"function"`
}

// Decode parses a webhook body. It fails only when the body is not JSON, a
// field the server reads has the wrong type, or there is no message
// object; a message of an unknown type decodes fine.
func Decode(body []byte) (msg *Message, err error) {
	// The body is hostile until proven otherwise and the parser is not the
	// standard library's: should it ever panic, that is a malformed body,
	// not a crashed request.
	defer func() {
		if recover() != nil {
			msg, err = nil, ErrMalformed
		}
	}()
	var env struct {
		Message *Message `json:"message"`
	}
	if err := gojson.Unmarshal(body, &env); err != nil {
		return nil, ErrMalformed
	}
	if env.Message == nil {
		return nil, ErrNoMessage
	}
	return env.Message, nil
}

// CallID returns the id that keys the call's session: the call id for
// voice traffic, the chat id for Chat API traffic, or "".
func (m *Message) CallID() string {
	if m.Call != nil && m.Call.ID != "" {
		return m.Call.ID
	}
	if m.Chat != nil {
		return m.Chat.ID
	}
	return ""
}

// CallerNumber returns the caller's number as VAPI sent it, or "" for web
// calls and withheld numbers.
func (m *Message) CallerNumber() string {
	if m.Customer != nil && m.Customer.Number != "" {
		return m.Customer.Number
	}
	if m.Call != nil && m.Call.Customer != nil {
		return m.Call.Customer.Number
	}
	return ""
}

// Ended reports whether the message says the call is over.
func (m *Message) Ended() bool {
	return m.Type == TypeEndOfCallReport || (m.Type == TypeStatusUpdate && m.Status == "ended")
}

// isNull reports whether raw is absent or JSON null.
func isNull(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || bytes.Equal(raw, []byte("null"))
}
