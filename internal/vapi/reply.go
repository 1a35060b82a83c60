package vapi

// Result answers one tool call. Exactly one of Result and Error is set;
// both are single-line strings, as VAPI drops multi-line results.
type Result struct {
	Name       string `json:"name"`
	ToolCallID string `json:"toolCallId"`
	Result     string `json:"result,omitempty"`
	Error      string `json:"error,omitempty"`
}

// ToolCallsReply is the body answering a tool-calls message.
type ToolCallsReply struct {
	Results []Result `json:"results"`
}

// FunctionCallReply is the body answering a legacy function-call message.
type FunctionCallReply struct {
	Result string `json:"result"`
}

// TransferReply answers a transfer-destination-request.
type TransferReply struct {
	Destination TransferDestination `json:"destination"`
	Message     *TransferMessage    `json:"message,omitempty"`
}

// TransferDestination is a phone number to transfer the caller to.
type TransferDestination struct {
	Type   string `json:"type"`
	Number string `json:"number"`
}

// TransferMessage is what the assistant says while transferring.
type TransferMessage struct {
	Type    string `json:"type"`
	Message string `json:"message"`
}

// NewTransfer returns a reply transferring the caller to number.
func NewTransfer(number, say string) TransferReply {
	return TransferReply{
		Destination: TransferDestination{Type: "number", Number: number},
		Message:     &TransferMessage{Type: "request-start", Message: say},
	}
}
