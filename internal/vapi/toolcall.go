package vapi

import (
	"bytes"
	"encoding/json"
	"errors"
)

// ErrArguments means a tool call's arguments are neither an object, a JSON
// string holding an object, nor empty. It becomes an error entry for that
// call only.
var ErrArguments = errors.New("vapi: tool arguments are not a JSON object")

// ToolCall is one call the model asks for. VAPI's captures use the nested
// function form; its docs also show a flattened {id, name, parameters}.
type ToolCall struct {
	ID         string          `json:"id"`
	Name       string          `json:"name"`
	Parameters json.RawMessage `json:"parameters"`
	Arguments  json.RawMessage `json:"arguments"`
	Function   *struct {
		Name       string          `json:"name"`
		Arguments  json.RawMessage `json:"arguments"`
		Parameters json.RawMessage `json:"parameters"`
	} `json:"function"`
}

// FunctionName returns the tool's name from whichever shape carried it.
func (tc *ToolCall) FunctionName() string {
	if tc.Function != nil && tc.Function.Name != "" {
		return tc.Function.Name
	}
	return tc.Name
}

// RawArguments returns the first non-null arguments the call carries.
func (tc *ToolCall) RawArguments() json.RawMessage {
	var candidates []json.RawMessage
	if tc.Function != nil {
		candidates = append(candidates, tc.Function.Arguments, tc.Function.Parameters)
	}
	candidates = append(candidates, tc.Parameters, tc.Arguments)
	for _, c := range candidates {
		if !isNull(c) {
			return c
		}
	}
	return nil
}

var emptyObject = json.RawMessage("{}")

// Arguments normalises raw tool arguments to a JSON object. Real traffic
// sends an object, the spec documents a string holding JSON; null, absent,
// "" and "{}" all mean no arguments.
func Arguments(raw json.RawMessage) (json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	if isNull(raw) {
		return emptyObject, nil
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, ErrArguments
		}
		inner := bytes.TrimSpace([]byte(s))
		if len(inner) == 0 || bytes.Equal(inner, []byte("null")) {
			return emptyObject, nil
		}
		raw = inner
	}
	if raw[0] != '{' || !json.Valid(raw) {
		return nil, ErrArguments
	}
	return raw, nil
}

// Calls returns the message's tool calls in order, trying toolCallList,
// then toolCalls, then toolWithToolCallList, as VAPI has used all three.
func (m *Message) Calls() ([]ToolCall, error) {
	calls := m.ToolCallList
	if len(calls) == 0 {
		calls = m.ToolCalls
	}
	if len(calls) == 0 {
		for _, tw := range m.ToolWithToolCallList {
			if tw.ToolCall == nil {
				continue
			}
			tc := *tw.ToolCall
			if tc.FunctionName() == "" {
				tc.Name = tw.Name
				if tw.Function != nil && tc.Name == "" {
					tc.Name = tw.Function.Name
				}
			}
			calls = append(calls, tc)
		}
	}
	switch {
	case len(calls) == 0:
		return nil, ErrNoToolCalls
	case len(calls) > MaxToolCalls:
		return nil, ErrTooManyCalls
	}
	for i := range calls {
		if calls[i].ID == "" {
			return nil, ErrToolCallID
		}
	}
	return calls, nil
}
