package loadgen

import (
	"testing"
	"time"
)

func TestLatencies_Percentile(t *testing.T) {
	var l Latencies
	if got := l.Percentile(99); got != 0 {
		t.Fatalf("empty: got %v, want 0", got)
	}
	// 1..1000 ms, added out of order.
	for i := 1000; i >= 1; i-- {
		l.Add(time.Duration(i) * time.Millisecond)
	}
	tests := []struct {
		p    float64
		want time.Duration
	}{
		{50, 500 * time.Millisecond},
		{90, 900 * time.Millisecond},
		{99, 990 * time.Millisecond},
		{99.9, 999 * time.Millisecond},
		{100, 1000 * time.Millisecond},
		{0.01, 1 * time.Millisecond}, // never below the smallest sample
	}
	for _, tc := range tests {
		if got := l.Percentile(tc.p); got != tc.want {
			t.Errorf("p%v: got %v, want %v", tc.p, got, tc.want)
		}
	}
	if got := l.Mean(); got != 500500*time.Microsecond {
		t.Errorf("mean: got %v, want 500.5ms", got)
	}
}

// With few samples the nearest rank rounds up: p99.9 of ten samples is the
// largest, never an interpolation between two.
func TestLatencies_PercentileFewSamples(t *testing.T) {
	var l Latencies
	for _, ms := range []int{5, 1, 9, 3, 7, 2, 8, 4, 10, 6} {
		l.Add(time.Duration(ms) * time.Millisecond)
	}
	for p, want := range map[float64]time.Duration{50: 5 * time.Millisecond,
		90: 9 * time.Millisecond, 91: 10 * time.Millisecond, 99.9: 10 * time.Millisecond} {
		if got := l.Percentile(p); got != want {
			t.Errorf("p%v: got %v, want %v", p, got, want)
		}
	}
	l.Add(time.Millisecond / 2) // adding after a percentile re-sorts
	if got := l.Percentile(1); got != time.Millisecond/2 {
		t.Errorf("after Add: p1 got %v", got)
	}
}

func TestStats_MergeAndThroughput(t *testing.T) {
	a, b := NewStats(), NewStats()
	a.record(map[string]*Latencies{"priceCart": {samples: []time.Duration{1, 2}}},
		map[string]int{"ok_false priceCart": 1}, 1)
	a.Elapsed = time.Second
	b.record(map[string]*Latencies{"priceCart": {samples: []time.Duration{3}},
		"checkOpen": {samples: []time.Duration{4}}}, nil, 2)
	b.Elapsed = time.Second
	a.Merge(b)
	if got := a.Tool("priceCart").Count(); got != 3 {
		t.Errorf("priceCart samples: got %d, want 3", got)
	}
	if got := a.Throughput(); got != 2 {
		t.Errorf("throughput: got %v, want 2 per second", got)
	}
	if got := a.Throughput("checkOpen"); got != 0.5 {
		t.Errorf("checkOpen throughput: got %v, want 0.5", got)
	}
	if a.OK() != 3 || a.Errors()["ok_false priceCart"] != 1 {
		t.Errorf("ok %d, errors %v", a.OK(), a.Errors())
	}
}

func TestJudge(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   string
	}{
		{"ok", 200, `{"results":[{"result":"{\"ok\":true}"}]}`, ""},
		{"refusal", 200, `{"results":[{"result":"{\"ok\":false,\"error\":\"x\"}"}]}`, ErrNotOK},
		{"error entry", 200, `{"results":[{"error":"Unknown tool."}]}`, ErrToolEntry},
		{"status", 429, `{}`, ErrStatus + " 429"},
		{"not a reply", 200, `{}`, ErrBadReply},
		{"result without ok", 200, `{"results":[{"result":"{}"}]}`, ErrBadReply},
	}
	for _, tc := range tests {
		if got := judge(tc.status, []byte(tc.body)); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
