// Package loadgen drives a running kebabalab server the way VAPI does on a
// busy night: many concurrent phone calls, each a real ordering flow, each
// request a signed VAPI envelope of realistic size (the call, assistant and
// artifact objects of a mid-length conversation, about 31 KB). It measures
// throughput and latency per tool, the server's memory, and the same body
// against two baseline servers, and writes BENCHMARKS.md's figures.
//
// The words of the call (the assistant's prompt, the conversation so far,
// the items ordered) are data in script.json, not Go.
package loadgen

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:embed script.json
var scriptJSON []byte

// Script is the phone call every simulated caller makes.
type Script struct {
	Assistant Assistant `json:"assistant"`
	// Turns is the conversation so far, sent in every envelope's artifact.
	Turns []Turn `json:"turns"`
	// Flow is the full ordering flow: add, edit, meal, price, pickup, order.
	Flow []Step `json:"flow"`
	// OrderFlow is the shortest flow that places an order, for the durable
	// order rate.
	OrderFlow []Step `json:"orderFlow"`
	// SessionFlow fills a cart and leaves the call open, for memory per
	// live session.
	SessionFlow []Step `json:"sessionFlow"`
}

// Assistant is what the envelope's assistant object is built from.
type Assistant struct {
	Name           string          `json:"name"`
	FirstMessage   string          `json:"firstMessage"`
	SystemPrompt   string          `json:"systemPrompt"`
	Voice          json.RawMessage `json:"voice"`
	Transcriber    json.RawMessage `json:"transcriber"`
	ServerMessages []string        `json:"serverMessages"`
}

// Turn is one entry of the conversation: something said ("bot" or "user"),
// or a tool the assistant called with the result it got.
type Turn struct {
	Role      string          `json:"role"`
	Message   string          `json:"message,omitempty"`
	Name      string          `json:"name,omitempty"`
	Arguments json.RawMessage `json:"arguments,omitempty"`
	Result    string          `json:"result,omitempty"`
}

// Step is one tool call of a flow. Arguments is sent as it stands: an
// object, or a JSON string holding one, as VAPI's spec documents.
type Step struct {
	Tool      string          `json:"tool"`
	Arguments json.RawMessage `json:"arguments"`
}

// LoadScript returns the embedded script.
func LoadScript() (*Script, error) {
	var s Script
	if err := json.Unmarshal(scriptJSON, &s); err != nil {
		return nil, fmt.Errorf("loadgen: script.json: %w", err)
	}
	if len(s.Flow) == 0 || len(s.OrderFlow) == 0 || len(s.SessionFlow) == 0 {
		return nil, fmt.Errorf("loadgen: script.json: every flow needs steps")
	}
	return &s, nil
}
