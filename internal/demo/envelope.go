package demo

import (
	"encoding/json"
	"time"
)

// The types below are the parts of a VAPI "tool-calls" server message
// that a phone call carries (reference/vapi-protocol.md §1.2, §2.1),
// filled the way captures of real traffic are.

type envelope struct {
	Message message `json:"message"`
}

type message struct {
	Timestamp            int64          `json:"timestamp"` // epoch milliseconds
	Type                 string         `json:"type"`
	ToolCallList         []toolCall     `json:"toolCallList"`
	ToolCalls            []toolCall     `json:"toolCalls"`
	ToolWithToolCallList []toolWithCall `json:"toolWithToolCallList"`
	Call                 call           `json:"call"`
	Customer             customer       `json:"customer"`
	PhoneNumber          phoneNumber    `json:"phoneNumber"`
	Artifact             artifact       `json:"artifact"`
}

type toolCall struct {
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	Function function `json:"function"`
}

type function struct {
	Name      string          `json:"name"`
	Arguments json.RawMessage `json:"arguments"`
}

type toolWithCall struct {
	Type     string         `json:"type"`
	Function toolDefinition `json:"function"`
	Server   server         `json:"server"`
	Messages []any          `json:"messages"`
	ToolCall toolCall       `json:"toolCall"`
}

type toolDefinition struct {
	Name       string         `json:"name"`
	Parameters map[string]any `json:"parameters"`
}

type server struct {
	URL            string `json:"url"`
	TimeoutSeconds int    `json:"timeoutSeconds"`
}

type call struct {
	ID                  string   `json:"id"`
	OrgID               string   `json:"orgId"`
	CreatedAt           string   `json:"createdAt"`
	UpdatedAt           string   `json:"updatedAt"`
	Type                string   `json:"type"`
	Status              string   `json:"status"` // a stale snapshot, as in real traffic
	PhoneCallProvider   string   `json:"phoneCallProvider"`
	PhoneCallProviderID string   `json:"phoneCallProviderId"`
	PhoneCallTransport  string   `json:"phoneCallTransport"`
	PhoneNumberID       string   `json:"phoneNumberId"`
	AssistantID         string   `json:"assistantId"`
	Customer            customer `json:"customer"`
}

type customer struct {
	Number string `json:"number"`
}

type phoneNumber struct {
	ID       string `json:"id"`
	Number   string `json:"number"`
	Provider string `json:"provider"`
}

type artifact struct {
	Messages []any `json:"messages"`
}

// callInfo is what stays the same for every message of one call.
type callInfo struct {
	id        string
	caller    string
	webhook   string
	startedAt time.Time
}

// newEnvelope wraps one tool call the way VAPI sends it: the call in
// toolCallList, again in toolCalls, and with its tool in
// toolWithToolCallList.
func newEnvelope(c callInfo, toolCallID string, s step, at time.Time) (envelope, error) {
	args, err := encodeArgs(s)
	if err != nil {
		return envelope{}, err
	}
	tc := toolCall{ID: toolCallID, Type: "function",
		Function: function{Name: s.tool, Arguments: args}}
	created := c.startedAt.UTC().Format(time.RFC3339Nano)
	return envelope{Message: message{
		Timestamp:    at.UnixMilli(),
		Type:         "tool-calls",
		ToolCallList: []toolCall{tc},
		ToolCalls:    []toolCall{tc},
		ToolWithToolCallList: []toolWithCall{{
			Type:     "function",
			Function: toolDefinition{Name: s.tool, Parameters: map[string]any{"type": "object"}},
			Server:   server{URL: c.webhook, TimeoutSeconds: 20},
			Messages: []any{},
			ToolCall: tc,
		}},
		Call: call{
			ID: c.id, OrgID: "org-demo-kebabalab", CreatedAt: created, UpdatedAt: created,
			Type: "inboundPhoneCall", Status: "ringing", PhoneCallProvider: "twilio",
			PhoneCallProviderID: "CAdemo" + c.id, PhoneCallTransport: "pstn",
			PhoneNumberID: "pn-demo-kebabalab", AssistantID: "asst-demo-kebabalab",
			Customer: customer{Number: c.caller},
		},
		Customer: customer{Number: c.caller},
		PhoneNumber: phoneNumber{
			ID: "pn-demo-kebabalab", Number: "+61391234567", Provider: "twilio",
		},
		Artifact: artifact{Messages: []any{}},
	}}, nil
}

// encodeArgs returns the step's arguments as a JSON object, or as a JSON
// string holding that object when the step asks for it.
func encodeArgs(s step) (json.RawMessage, error) {
	args := s.args
	if args == nil {
		args = map[string]any{}
	}
	obj, err := json.Marshal(args)
	if err != nil || !s.asString {
		return obj, err
	}
	return json.Marshal(string(obj))
}
