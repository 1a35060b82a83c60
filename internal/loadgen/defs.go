package loadgen

import (
	"github.com/kebabalab/kebabalab/internal/menu"
	"github.com/kebabalab/kebabalab/internal/tools"
)

// Definitions returns the tool definitions the server at baseURL gives
// VAPI, from the same registry it dispatches with: the assistant object
// of every envelope lists them, as VAPI's does.
func Definitions(menuPath, baseURL string) ([]tools.Definition, error) {
	m, err := menu.Load(menuPath)
	if err != nil {
		return nil, err
	}
	return tools.New(tools.Deps{Menu: m}).Definitions(baseURL), nil
}
