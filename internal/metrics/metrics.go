// Package metrics defines the Prometheus metrics the server exports on
// /metrics. It uses its own registry, so tests can build as many servers as
// they like and nothing leaks through the global default registry.
package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds every collector. Fields are safe for concurrent use.
type Metrics struct {
	reg *prometheus.Registry

	Requests         *prometheus.CounterVec   // route, status
	RequestDuration  *prometheus.HistogramVec // route
	ToolCalls        *prometheus.CounterVec   // tool, outcome
	ToolDuration     *prometheus.HistogramVec // tool
	AuthFailures     *prometheus.CounterVec   // reason
	RateLimited      *prometheus.CounterVec   // limiter: ip, call
	SessionEvictions *prometheus.CounterVec   // reason: expired, capacity
	// OrdersCreated counts orders stored; the createOrder tool increments
	// it once per new order, never for an idempotent replay.
	OrdersCreated prometheus.Counter
}

// New registers all collectors on a fresh registry.
func New() *Metrics {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	f := func(c prometheus.Collector) { reg.MustRegister(c) }
	m := &Metrics{reg: reg}
	m.Requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "kebabalab_http_requests_total", Help: "HTTP requests by route and status.",
	}, []string{"route", "status"})
	m.RequestDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "kebabalab_http_request_duration_seconds",
		Help:    "HTTP request latency by route.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"route"})
	m.ToolCalls = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "kebabalab_tool_calls_total", Help: "Tool calls by tool name and outcome.",
	}, []string{"tool", "outcome"})
	m.ToolDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "kebabalab_tool_call_duration_seconds",
		Help:    "Time spent in one tool handler.",
		Buckets: []float64{.0001, .0005, .001, .005, .01, .05, .1, .5, 1},
	}, []string{"tool"})
	m.AuthFailures = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "kebabalab_webhook_auth_failures_total", Help: "Rejected webhook requests by reason.",
	}, []string{"reason"})
	m.RateLimited = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "kebabalab_rate_limited_total", Help: "Requests refused with 429, by limiter.",
	}, []string{"limiter"})
	m.SessionEvictions = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "kebabalab_session_evictions_total", Help: "Call sessions dropped, by reason.",
	}, []string{"reason"})
	m.OrdersCreated = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "kebabalab_orders_created_total", Help: "Orders stored.",
	})
	for _, c := range []prometheus.Collector{m.Requests, m.RequestDuration, m.ToolCalls,
		m.ToolDuration, m.AuthFailures, m.RateLimited, m.SessionEvictions, m.OrdersCreated} {
		f(c)
	}
	return m
}

// GaugeFunc registers a gauge whose value is read at scrape time, such as
// the number of live sessions or the age of the oldest pending SMS.
func (m *Metrics) GaugeFunc(name, help string, fn func() float64) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, fn))
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
