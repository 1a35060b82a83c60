package app

import (
	"strings"
	"testing"
)

// MAX_SESSIONS reaches the session store, and a session dropped for room
// is counted in /metrics next to the sessions held.
func TestServe_SessionCapIsCounted(t *testing.T) {
	env := baseEnv(t)
	env["ADMIN_TOKEN"] = adminToken
	env["MAX_SESSIONS"] = "2"
	base, stop, _ := startServer(t, env)
	for _, call := range []string{"call-1", "call-2", "call-3"} {
		if got := toolCall(t, base, call, "+61491570006", "getCartState", nil); got["ok"] != true {
			t.Fatalf("%s: getCartState = %v", call, got)
		}
	}
	m := getMetrics(t, base)
	for _, want := range []string{
		`kebabalab_session_evictions_total{reason="capacity"} 1`,
		`kebabalab_active_sessions 2`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if code := stop(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
}
