package webhook

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/kebabalab/kebabalab/internal/metrics"
	"github.com/kebabalab/kebabalab/internal/tools"
	"github.com/kebabalab/kebabalab/internal/vapi"
)

// Sessions is the per-call state store the webhook needs.
type Sessions interface {
	GetOrCreate(callID string, create func() *tools.State) (*tools.State, bool)
	Delete(callID string) (*tools.State, bool)
}

// webhook serves POST /webhook.
type webhook struct {
	log       *slog.Logger
	verifier  *Verifier
	limits    *limiters
	registry  *tools.Registry
	sessions  Sessions
	metrics   *metrics.Metrics
	shopPhone string
}

func (h *webhook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, release, err := readBody(r)
	defer release()
	if err != nil {
		if tooLarge(err) {
			writeError(w, r, http.StatusRequestEntityTooLarge, msgTooLarge)
			return
		}
		writeError(w, r, http.StatusBadRequest, msgMalformed)
		return
	}
	// Credentials are checked before the client IP's limit is: VAPI's few
	// egress IPs also carry every other VAPI customer's traffic, so a flood
	// of failures from one of them must not turn away authenticated calls.
	// Only the failures are counted against the IP, and only they get 429.
	// A blocked client can thus still tell a right guess from a wrong one,
	// which is no help against secrets of 32 bytes and more.
	ip := clientIP(r)
	if reason := h.verifier.Verify(r.Header, body); reason != "" {
		h.metrics.AuthFailures.WithLabelValues(reason).Inc()
		annotate(r.Context(), slog.String("auth_failure", reason))
		if !h.limits.failed(w, r, ip) {
			writeError(w, r, http.StatusUnauthorized, msgUnauthorized)
		}
		return
	}
	msg, err := vapi.Decode(body)
	if err != nil {
		text := msgMalformed
		if errors.Is(err, vapi.ErrNoMessage) {
			text = msgNoMessageBody
		}
		writeError(w, r, http.StatusBadRequest, text)
		return
	}
	callID := msg.CallID()
	annotate(r.Context(), slog.String("message_type", msg.Type), slog.String("call_id", callID))

	switch {
	case msg.Type == vapi.TypeToolCalls:
		h.toolCalls(w, r, msg, ip)
	case msg.Type == vapi.TypeFunctionCall:
		h.functionCall(w, r, msg, ip)
	case msg.Type == vapi.TypeTransferDestination:
		writeJSON(w, http.StatusOK, vapi.NewTransfer(h.shopPhone,
			"Putting you through to the shop now."))
	case msg.Ended():
		if callID != "" {
			h.sessions.Delete(callID)
		}
		writeJSON(w, http.StatusOK, struct{}{})
	default:
		writeJSON(w, http.StatusOK, struct{}{})
	}
}

// limitKey is the per-call rate-limit key; requests without a call id
// share a bucket per client IP.
func limitKey(callID, ip string) string {
	if callID == "" {
		return "ip:" + ip
	}
	return "call:" + callID
}

func (h *webhook) toolCalls(w http.ResponseWriter, r *http.Request, msg *vapi.Message, ip string) {
	calls, err := msg.Calls()
	if err != nil {
		writeError(w, r, http.StatusBadRequest, callsError(err))
		return
	}
	if h.limits.callLimited(w, r, limitKey(msg.CallID(), ip)) {
		return
	}
	call := h.newCall(msg)
	reply := vapi.ToolCallsReply{Results: make([]vapi.Result, 0, len(calls))}
	// Calls run one after another, in order: a model that adds an item and
	// prices the cart in one message expects the price to include it.
	outcomes := make([]string, 0, len(calls))
	for i := range calls {
		res, outcome := h.dispatch(r.Context(), call, &calls[i])
		reply.Results = append(reply.Results, res)
		outcomes = append(outcomes, metricTool(h.registry, res.Name)+":"+outcome)
	}
	annotate(r.Context(), slog.Any("tools", outcomes))
	h.endIfDone(call)
	writeJSON(w, http.StatusOK, reply)
}

func (h *webhook) functionCall(w http.ResponseWriter, r *http.Request, msg *vapi.Message,
	ip string,
) {
	if msg.FunctionCall == nil || msg.FunctionCall.Name == "" {
		writeError(w, r, http.StatusBadRequest, msgNoToolCalls)
		return
	}
	if h.limits.callLimited(w, r, limitKey(msg.CallID(), ip)) {
		return
	}
	call := h.newCall(msg)
	tc := vapi.ToolCall{ID: "function-call", Name: msg.FunctionCall.Name,
		Parameters: msg.FunctionCall.Parameters}
	res, outcome := h.dispatch(r.Context(), call, &tc)
	annotate(r.Context(), slog.Any("tools", []string{metricTool(h.registry, res.Name) + ":" + outcome}))
	h.endIfDone(call)
	text := res.Result
	if res.Error != "" {
		text = res.Error
	}
	writeJSON(w, http.StatusOK, vapi.FunctionCallReply{Result: text})
}

func callsError(err error) string {
	switch {
	case errors.Is(err, vapi.ErrTooManyCalls):
		return msgTooManyCalls
	case errors.Is(err, vapi.ErrToolCallID):
		return msgToolCallNoID
	}
	return msgNoToolCalls
}

// newCall finds or creates the call's session. A message without a call
// id gets a throwaway state: nothing it does outlives the request.
func (h *webhook) newCall(msg *vapi.Message) *tools.Call {
	c := &tools.Call{ID: msg.CallID(), CallerNumber: msg.CallerNumber()}
	if c.ID == "" {
		c.State = tools.NewState()
		return c
	}
	c.State, _ = h.sessions.GetOrCreate(c.ID, tools.NewState)
	return c
}

func (h *webhook) endIfDone(c *tools.Call) {
	if c.ID == "" {
		return
	}
	c.State.Lock()
	ended := c.State.Ended()
	c.State.Unlock()
	if ended {
		h.sessions.Delete(c.ID)
	}
}

func (h *webhook) dispatch(ctx context.Context, c *tools.Call, tc *vapi.ToolCall) (
	vapi.Result, string,
) {
	start := time.Now()
	res, outcome, err := h.registry.Dispatch(ctx, c, tc)
	name := metricTool(h.registry, res.Name)
	h.metrics.ToolCalls.WithLabelValues(name, outcome).Inc()
	h.metrics.ToolDuration.WithLabelValues(name).Observe(time.Since(start).Seconds())
	if err != nil {
		h.log.Error("tool failed", slog.String("tool", name),
			slog.String("call_id", c.ID), slog.String("tool_call_id", tc.ID),
			slog.String("error", err.Error()))
	}
	return res, outcome
}

// metricTool keeps metric labels and log fields bounded: a name the model
// made up is counted as "unknown", never as itself.
func metricTool(r *tools.Registry, name string) string {
	if _, ok := r.Lookup(name); ok {
		return name
	}
	return "unknown"
}
