package tools

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/kebabalab/kebabalab/internal/vapi"
)

// Outcomes of a tool call, as counted in metrics and logged.
const (
	OutcomeOK           = "ok"
	OutcomeRefused      = "refused"
	OutcomeError        = "error"
	OutcomeUnknownTool  = "unknown_tool"
	OutcomeBadArguments = "bad_arguments"
)

// Sentences returned in a result's error field. They are spoken by the
// assistant, so they say what happened without any internal detail.
const (
	msgInternal     = "Sorry, something went wrong on our side. Please try that again."
	msgUnknownTool  = "This tool is not available on this server."
	msgBadArguments = "The arguments for this tool must be a JSON object."
)

// CallerError is an error whose message is meant for the caller: a refusal
// the assistant can act on, such as an unknown item or a missing size.
type CallerError interface {
	error
	CallerMessage() string
}

// Refusal is the CallerError handlers return for input they turn down.
type Refusal struct{ msg string }

func (r *Refusal) Error() string { return "refused: " + r.msg }

// CallerMessage returns the sentence for the assistant.
func (r *Refusal) CallerMessage() string { return r.msg }

// Refuse returns a Refusal with a formatted sentence.
func Refuse(format string, args ...any) error {
	return &Refusal{msg: fmt.Sprintf(format, args...)}
}

// refused is the result body of a refusal.
type refused struct {
	OK    bool   `json:"ok"`
	Error string `json:"error"`
}

// Dispatch runs one tool call with the call's state locked and returns the
// entry for VAPI, the outcome, and the internal error to log, if any.
func (r *Registry) Dispatch(ctx context.Context, c *Call, tc *vapi.ToolCall) (
	vapi.Result, string, error,
) {
	name := tc.FunctionName()
	res := vapi.Result{Name: name, ToolCallID: tc.ID}
	tool, ok := r.byName[name]
	if !ok {
		res.Error = msgUnknownTool
		return res, OutcomeUnknownTool, nil
	}
	args, err := vapi.Arguments(tc.RawArguments())
	if err != nil {
		res.Error = msgBadArguments
		return res, OutcomeBadArguments, nil
	}
	c.ToolCallID = tc.ID
	out, err := run(ctx, tool, c, args)

	outcome := OutcomeOK
	var ce CallerError
	switch {
	case errors.As(err, &ce):
		out, outcome, err = refused{Error: ce.CallerMessage()}, OutcomeRefused, nil
	case err != nil:
		res.Error = msgInternal
		return res, OutcomeError, err
	}
	text, err := encode(out)
	if err != nil {
		res.Error = msgInternal
		return res, OutcomeError, err
	}
	res.Result = text
	return res, outcome, nil
}

// encode renders a result as compact single-line JSON. HTML escaping is
// off: the text is read by a language model, not inserted into a page.
func encode(v any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", fmt.Errorf("encode result: %w", err)
	}
	return string(bytes.TrimRight(buf.Bytes(), "\n")), nil
}

// run calls the handler with the call's state locked. A panic in one tool
// becomes an internal error for that call alone: the state is unlocked and
// the other calls in the message still get their answers.
func run(ctx context.Context, t *Tool, c *Call, args json.RawMessage) (out any, err error) {
	c.State.Lock()
	defer c.State.Unlock()
	defer func() {
		if rec := recover(); rec != nil {
			// Only a runtime error's text is kept: any other panic value
			// might carry caller data into the log.
			what := fmt.Sprintf("%T", rec)
			if re, ok := rec.(runtime.Error); ok {
				what = re.Error()
			}
			out, err = nil, fmt.Errorf("tool %s panicked: %s\n%s", t.Name, what, debug.Stack())
		}
	}()
	return t.Handle(ctx, c, args)
}
