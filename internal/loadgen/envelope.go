package loadgen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kebabalab/kebabalab/internal/tools"
)

// Builder renders VAPI tool-calls envelopes. The parts that do not change
// between requests (assistant, artifact, phone number, tool definitions)
// are rendered once, so building a 31 KB body costs the load generator a
// few appends rather than a full encode: it shares the machine with the
// server it measures.
type Builder struct {
	assistant   []byte
	artifact    []byte
	phoneNumber []byte
	// toolDefs holds each tool's definition object without its closing
	// brace, ready for the toolWithToolCallList entry's "toolCall".
	toolDefs map[string][]byte
}

// Envelope ids and numbers. The org and assistant ids are fixed, as they
// are for one shop's assistant; call ids vary.
const (
	orgID         = "e55185f2-c94c-46ba-a82e-62b65b4c7c8a"
	assistantID   = "974a4b6d-45f9-4567-b016-9b8ed07a5952"
	phoneNumberID = "9e6182dd-2e51-46b4-98c8-e04ff485df36"
	shopNumber    = "+61395345588"
	wsBase        = "phone-call-websocket.aws-us-west-2-backend-production1.vapi.ai"
)

// NewBuilder prepares envelopes for the tools in defs, whose server URL is
// baseURL + "/webhook", speaking the conversation of s.
func NewBuilder(s *Script, defs []tools.Definition) (*Builder, error) {
	b := &Builder{toolDefs: make(map[string][]byte, len(defs))}
	var err error
	if b.assistant, err = assistantJSON(s, defs); err != nil {
		return nil, err
	}
	if b.artifact, err = artifactJSON(s); err != nil {
		return nil, err
	}
	b.phoneNumber, err = json.Marshal(map[string]any{
		"id": phoneNumberID, "orgId": orgID, "assistantId": assistantID,
		"number": shopNumber, "createdAt": "2026-05-03T04:55:39.663Z",
		"updatedAt": "2026-11-04T14:16:51.401Z", "provider": "twilio", "status": "active",
	})
	if err != nil {
		return nil, err
	}
	for _, d := range defs {
		raw, err := json.Marshal(d)
		if err != nil {
			return nil, err
		}
		b.toolDefs[d.Function.Name] = bytes.TrimSuffix(raw, []byte("}"))
	}
	return b, nil
}

// Call is one simulated phone call: its id, caller and the call object
// every envelope of the call carries.
type Call struct {
	ID     string
	Caller string
	call   []byte
	seq    int
}

// NewCall returns a call with id from the caller number caller.
func (b *Builder) NewCall(id, caller string, started time.Time) *Call {
	created := started.UTC().Format("2006-01-02T15:04:05.000Z")
	sid := "CA" + strings.ReplaceAll(id, "-", "")
	call, _ := json.Marshal(map[string]any{
		"id": id, "orgId": orgID, "createdAt": created, "updatedAt": created,
		"type": "inboundPhoneCall", "cost": 0,
		"monitor": map[string]string{
			"listenUrl":  "wss://" + wsBase + "/" + id + "/listen",
			"controlUrl": "https://" + wsBase + "/" + id + "/control",
		},
		"transport": map[string]any{"conversationType": "voice", "provider": "twilio",
			"callSid": sid},
		"phoneCallProvider": "twilio", "phoneCallProviderId": sid,
		"phoneCallTransport": "pstn", "status": "ringing", "assistantId": assistantID,
		"phoneNumberId": phoneNumberID, "customer": map[string]string{"number": caller},
	})
	return &Call{ID: id, Caller: caller, call: call}
}

// NextToolCallID returns a fresh OpenAI-style tool call id for c.
func (c *Call) NextToolCallID() string {
	c.seq++
	return "call_" + strings.ReplaceAll(c.ID, "-", "")[:16] + strconv.Itoa(c.seq)
}

// Body renders the envelope of one tool call of c at now.
func (b *Builder) Body(c *Call, toolCallID, tool string, args json.RawMessage,
	now time.Time,
) []byte {
	if len(args) == 0 {
		args = json.RawMessage("{}")
	}
	tc := make([]byte, 0, 128+len(args))
	tc = append(tc, `{"id":`...)
	tc = strconv.AppendQuote(tc, toolCallID)
	tc = append(tc, `,"type":"function","function":{"name":`...)
	tc = strconv.AppendQuote(tc, tool)
	tc = append(tc, `,"arguments":`...)
	tc = append(tc, args...)
	tc = append(tc, `},"isPrecededByText":false}`...)

	out := make([]byte, 0, len(b.assistant)+len(b.artifact)+len(c.call)+4096)
	out = append(out, `{"message":{"timestamp":`...)
	out = strconv.AppendInt(out, now.UnixMilli(), 10)
	out = append(out, `,"type":"tool-calls","toolCalls":[`...)
	out = append(out, tc...)
	out = append(out, `],"toolCallList":[`...)
	out = append(out, tc...)
	out = append(out, `],"toolWithToolCallList":[`...)
	if def, ok := b.toolDefs[tool]; ok {
		out = append(out, def...)
		out = append(out, `,"messages":[],"toolCall":`...)
	} else {
		out = append(out, `{"type":"function","toolCall":`...)
	}
	out = append(out, tc...)
	out = append(out, `}],"artifact":`...)
	out = append(out, b.artifact...)
	out = append(out, `,"call":`...)
	out = append(out, c.call...)
	out = append(out, `,"phoneNumber":`...)
	out = append(out, b.phoneNumber...)
	out = append(out, `,"customer":{"number":`...)
	out = strconv.AppendQuote(out, c.Caller)
	out = append(out, `},"assistant":`...)
	out = append(out, b.assistant...)
	out = append(out, "}}"...)
	return out
}

func assistantJSON(s *Script, defs []tools.Definition) ([]byte, error) {
	a := s.Assistant
	return json.Marshal(map[string]any{
		"id": assistantID, "orgId": orgID, "name": a.Name,
		"createdAt": "2026-05-03T04:50:12.118Z", "updatedAt": "2026-11-20T09:41:07.532Z",
		"firstMessage": a.FirstMessage, "firstMessageMode": "assistant-speaks-first",
		"model": map[string]any{
			"provider": "openai", "model": "gpt-4o-mini", "temperature": 0.3, "maxTokens": 250,
			"messages": []map[string]string{{"role": "system", "content": a.SystemPrompt}},
			"tools":    defs,
		},
		"voice": a.Voice, "transcriber": a.Transcriber,
		"serverMessages": a.ServerMessages, "endCallFunctionEnabled": false,
		"silenceTimeoutSeconds": 30, "maxDurationSeconds": 600,
		"server": map[string]any{"url": "https://shop.example.com/webhook",
			"timeoutSeconds": 20},
	})
}

// artifactJSON renders the conversation so far in both of VAPI's forms:
// its own messages (with timings) and the OpenAI chat format, plus the
// plain transcript, as live artifacts carry all three.
func artifactJSON(s *Script) ([]byte, error) {
	start := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC).UnixMilli()
	var msgs, openAI []map[string]any
	var transcript strings.Builder
	at := int64(1500)
	for i, t := range s.Turns {
		switch t.Role {
		case "tool":
			id := fmt.Sprintf("call_hist%08d", i)
			call := []map[string]any{{"id": id, "type": "function",
				"function": map[string]any{"name": t.Name, "arguments": string(t.Arguments)}}}
			msgs = append(msgs, map[string]any{"role": "tool_calls", "toolCalls": call,
				"message": "", "time": start + at, "secondsFromStart": float64(at) / 1000},
				map[string]any{"role": "tool_call_result", "name": t.Name, "toolCallId": id,
					"result": t.Result, "time": start + at + 40,
					"secondsFromStart": float64(at+40) / 1000})
			openAI = append(openAI, map[string]any{"role": "assistant", "tool_calls": call},
				map[string]any{"role": "tool", "tool_call_id": id, "content": t.Result})
			at += 300
		default:
			dur := int64(60 * len(t.Message))
			msgs = append(msgs, map[string]any{"role": t.Role, "message": t.Message,
				"time": start + at, "endTime": start + at + dur,
				"secondsFromStart": float64(at) / 1000, "duration": dur, "source": ""})
			role, speaker := "user", "User"
			if t.Role == "bot" {
				role, speaker = "assistant", "AI"
			}
			openAI = append(openAI, map[string]any{"role": role, "content": t.Message})
			transcript.WriteString(speaker + ": " + t.Message + "\n")
			at += dur + 900
		}
	}
	return json.Marshal(map[string]any{
		"messages": msgs, "messagesOpenAIFormatted": openAI,
		"transcript": transcript.String(),
		"variableValues": map[string]any{"now": "December 3, 2026, 7:00 AM UTC",
			"customer": map[string]string{"number": "{{customer.number}}"}},
	})
}
