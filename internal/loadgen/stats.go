package loadgen

import (
	"maps"
	"math"
	"slices"
	"sort"
	"sync"
	"time"
)

// Kinds of failed request, counted separately because each points at a
// different culprit: the network or client, the server's HTTP layer, the
// dispatcher, or the tool refusing.
const (
	ErrTransport = "transport"   // the request did not complete
	ErrStatus    = "http_status" // a status other than 200 (the code is kept too)
	ErrToolEntry = "tool_error"  // a result entry with "error" instead of "result"
	ErrNotOK     = "ok_false"    // the tool answered {"ok": false, ...}
	ErrBadReply  = "bad_reply"   // a 200 whose body is not a tool-calls reply
)

// Latencies holds every recorded duration of one tool. Percentiles are
// exact, read from the sorted samples, not estimated from buckets: a run
// keeps at most a few hundred thousand samples.
type Latencies struct {
	samples []time.Duration
	sorted  bool
}

// Add records one duration.
func (l *Latencies) Add(d time.Duration) {
	l.samples = append(l.samples, d)
	l.sorted = false
}

// Merge adds every sample of o.
func (l *Latencies) Merge(o *Latencies) {
	l.samples = append(l.samples, o.samples...)
	l.sorted = false
}

// Count is the number of samples.
func (l *Latencies) Count() int { return len(l.samples) }

// Percentile returns the nearest-rank p-th percentile (0 < p ≤ 100): the
// smallest sample at least p % of the samples are less than or equal to.
// It is 0 without samples.
func (l *Latencies) Percentile(p float64) time.Duration {
	n := len(l.samples)
	if n == 0 {
		return 0
	}
	if !l.sorted {
		slices.Sort(l.samples)
		l.sorted = true
	}
	// The epsilon keeps binary fractions (99.9 % of 1000 is 999.0000001)
	// from rounding up a rank.
	rank := int(math.Ceil(p/100*float64(n) - 1e-9))
	rank = min(max(rank, 1), n)
	return l.samples[rank-1]
}

// Mean returns the average sample, or 0.
func (l *Latencies) Mean() time.Duration {
	if len(l.samples) == 0 {
		return 0
	}
	var sum time.Duration
	for _, d := range l.samples {
		sum += d
	}
	return sum / time.Duration(len(l.samples))
}

// Stats is what one run measured, per tool.
type Stats struct {
	mu      sync.Mutex
	tools   map[string]*Latencies
	errors  map[string]int // by kind, and "http_status 503" style detail
	ok      int
	Elapsed time.Duration
	// ServerCPU is the CPU time the server process used during the run,
	// when the load generator started it (else 0).
	ServerCPU time.Duration
}

// NewStats returns empty stats.
func NewStats() *Stats {
	return &Stats{tools: map[string]*Latencies{}, errors: map[string]int{}}
}

// record adds a worker's local results; workers batch to keep the lock off
// the measured path.
func (s *Stats) record(local map[string]*Latencies, errs map[string]int, ok int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for tool, l := range local {
		if s.tools[tool] == nil {
			s.tools[tool] = &Latencies{}
		}
		s.tools[tool].Merge(l)
	}
	for k, n := range errs {
		s.errors[k] += n
	}
	s.ok += ok
}

// Merge adds o's samples, failures and measured time to s: rounds of the
// same run, interleaved with other targets', add up to one.
func (s *Stats) Merge(o *Stats) {
	s.record(o.tools, o.errors, o.ok)
	s.Elapsed += o.Elapsed
	s.ServerCPU += o.ServerCPU
}

// CPUPerRequest is the server's CPU time per request, or 0 if unknown.
func (s *Stats) CPUPerRequest() time.Duration {
	n := s.Combined().Count()
	if n == 0 {
		return 0
	}
	return s.ServerCPU / time.Duration(n)
}

// Tools returns the tools measured, sorted by name.
func (s *Stats) Tools() []string {
	names := make([]string, 0, len(s.tools))
	for n := range s.tools {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Tool returns the latencies of one tool (every request, failed or not,
// that got a reply), or nil.
func (s *Stats) Tool(name string) *Latencies { return s.tools[name] }

// Combined returns the latencies of the named tools together; no names
// means every tool.
func (s *Stats) Combined(names ...string) *Latencies {
	if len(names) == 0 {
		names = s.Tools()
	}
	all := &Latencies{}
	for _, n := range names {
		if l := s.tools[n]; l != nil {
			all.Merge(l)
		}
	}
	return all
}

// Requests is the number of requests that got any reply or failed.
func (s *Stats) Requests() int {
	n := s.Combined().Count()
	return n + s.errors[ErrTransport]
}

// Throughput is requests per second over the run, of the named tools (all
// without names).
func (s *Stats) Throughput(names ...string) float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Combined(names...).Count()) / s.Elapsed.Seconds()
}

// Errors returns failures by kind.
func (s *Stats) Errors() map[string]int { return maps.Clone(s.errors) }

// OK is the number of requests that succeeded in every respect.
func (s *Stats) OK() int { return s.ok }
