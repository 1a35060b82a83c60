// Package tools holds the tools the VAPI assistant calls during an order —
// reading the menu, building the cart, pricing it, placing the order — and
// the registry that describes and dispatches them. Each tool is declared
// once, with its name, description, parameter schema and handler, so the
// definitions printed for VAPI and the dispatch table cannot drift apart.
package tools

import (
	"context"
	"encoding/json"
	"sort"
)

// Handler runs one tool call. args is always a JSON object. The returned
// value is encoded as the result string. An error implementing CallerError
// becomes an {"ok": false, "error": ...} result the assistant can act on;
// any other error is an internal failure and is never shown.
type Handler func(ctx context.Context, c *Call, args json.RawMessage) (any, error)

// Tool is one function the assistant may call.
type Tool struct {
	Name        string
	Description string
	Parameters  Schema
	Handle      Handler
}

// Schema is a JSON-schema fragment as VAPI's tool definitions take it.
type Schema = map[string]any

// Registry is the set of tools, looked up by name.
type Registry struct {
	byName map[string]*Tool
	order  []string
}

// NewRegistry builds the registry from tool lists. It panics on a duplicate
// or unnamed tool: that is a programming error found at start-up.
func NewRegistry(lists ...[]Tool) *Registry {
	r := &Registry{byName: make(map[string]*Tool)}
	for _, list := range lists {
		for i := range list {
			t := &list[i]
			if t.Name == "" || t.Handle == nil || r.byName[t.Name] != nil {
				panic("tools: invalid or duplicate tool " + t.Name)
			}
			r.byName[t.Name] = t
			r.order = append(r.order, t.Name)
		}
	}
	sort.Strings(r.order)
	return r
}

// Lookup returns the named tool.
func (r *Registry) Lookup(name string) (*Tool, bool) {
	t, ok := r.byName[name]
	return t, ok
}

// Names returns the tool names in sorted order.
func (r *Registry) Names() []string { return r.order }

// Definition is a tool as VAPI's API and dashboard take it.
type Definition struct {
	Type     string      `json:"type"`
	Async    bool        `json:"async"`
	Function FunctionDef `json:"function"`
	Server   ServerDef   `json:"server"`
}

// FunctionDef describes the function to the model.
type FunctionDef struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Parameters  Schema `json:"parameters"`
}

// ServerDef says where VAPI posts the tool calls.
type ServerDef struct {
	URL            string `json:"url"`
	TimeoutSeconds int    `json:"timeoutSeconds"`
}

// Definitions returns every tool's definition with its server URL set to
// baseURL + "/webhook".
func (r *Registry) Definitions(baseURL string) []Definition {
	defs := make([]Definition, 0, len(r.order))
	for _, name := range r.order {
		t := r.byName[name]
		params := t.Parameters
		if params == nil {
			params = Object(nil)
		}
		defs = append(defs, Definition{
			Type:     "function",
			Function: FunctionDef{Name: t.Name, Description: t.Description, Parameters: params},
			Server:   ServerDef{URL: baseURL + "/webhook", TimeoutSeconds: 20},
		})
	}
	return defs
}

// Object returns an object schema with the given properties and required
// property names.
func Object(props map[string]any, required ...string) Schema {
	if props == nil {
		props = map[string]any{}
	}
	s := Schema{"type": "object", "properties": props}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}
