package loadgen

import (
	"encoding/json"
	"testing"
	"time"
)

func testBuilder(t testing.TB) (*Script, *Builder) {
	t.Helper()
	s, err := LoadScript()
	if err != nil {
		t.Fatal(err)
	}
	defs, err := Definitions("../../menu.json", "https://shop.example.com")
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewBuilder(s, defs)
	if err != nil {
		t.Fatal(err)
	}
	return s, b
}

// Every envelope of the flow is valid JSON of the size the issue names and
// carries the tool call in all three of VAPI's lists.
func TestBodyIsRealistic(t *testing.T) {
	s, b := testBuilder(t)
	c := b.NewCall("019df389-f94e-7002-8940-b671d8f4f2de", "+61491570006", time.Now())
	for _, st := range s.Flow {
		id := c.NextToolCallID()
		body := b.Body(c, id, st.Tool, st.Arguments, time.Now())
		if n := len(body); n < 28<<10 || n > 36<<10 {
			t.Errorf("%s: body is %d bytes, want about 31 KB", st.Tool, n)
		}
		var env struct {
			Message struct {
				Type         string
				ToolCallList []struct {
					ID       string
					Function struct{ Name string }
				}
				ToolCalls            []json.RawMessage
				ToolWithToolCallList []struct{ ToolCall struct{ ID string } }
				Call                 struct{ ID string }
				Customer             struct{ Number string }
				Assistant            json.RawMessage
				Artifact             json.RawMessage
			}
		}
		if err := json.Unmarshal(body, &env); err != nil {
			t.Fatalf("%s: %v", st.Tool, err)
		}
		m := env.Message
		if m.Type != "tool-calls" || len(m.ToolCallList) != 1 || len(m.ToolCalls) != 1 ||
			m.ToolCallList[0].ID != id || m.ToolCallList[0].Function.Name != st.Tool ||
			len(m.ToolWithToolCallList) != 1 || m.ToolWithToolCallList[0].ToolCall.ID != id ||
			m.Call.ID != c.ID || m.Customer.Number != c.Caller {
			t.Fatalf("%s: envelope %+v", st.Tool, m)
		}
	}
}
