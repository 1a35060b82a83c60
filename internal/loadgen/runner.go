package loadgen

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kebabalab/kebabalab/internal/webhook"
)

// Runner drives one server's webhook with simulated phone calls.
type Runner struct {
	URL     string // the webhook, e.g. http://127.0.0.1:8080/webhook
	Secret  string // HMAC secret the server accepts
	Builder *Builder
	Client  *http.Client
	// CPU, when set, reads the server's CPU time, so a run can say how
	// much CPU its measured requests cost.
	CPU func() (time.Duration, error)
}

// Level is one run: Calls concurrent phone calls, each following Flow with
// a fresh call id, again and again until Duration (after Warmup) is over or
// MaxCalls calls have started. A zero Duration runs until MaxCalls.
type Level struct {
	Calls    int
	Flow     []Step
	Warmup   time.Duration // requests started before this are not recorded
	Duration time.Duration
	MaxCalls int
}

// NewClient returns an HTTP client that keeps a connection per concurrent
// call, as VAPI's egress does, so a run measures requests, not handshakes.
func NewClient(conns int) *http.Client {
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns:        conns,
			MaxIdleConnsPerHost: conns,
			IdleConnTimeout:     90 * time.Second,
			DisableCompression:  true,
		},
	}
}

// Run runs lv and returns what it measured.
func (r *Runner) Run(ctx context.Context, lv Level) *Stats {
	stats := NewStats()
	start := time.Now()
	measureFrom := start.Add(lv.Warmup)
	var deadline time.Time
	if lv.Duration > 0 {
		deadline = measureFrom.Add(lv.Duration)
	}
	cpuStart := make(chan time.Duration, 1)
	if r.CPU != nil {
		go func() {
			time.Sleep(time.Until(measureFrom))
			c, _ := r.CPU()
			cpuStart <- c
		}()
	}
	var started atomic.Int64
	var wg sync.WaitGroup
	for w := range lv.Calls {
		wg.Go(func() {
			wk := &worker{r: r, measureFrom: measureFrom, local: map[string]*Latencies{},
				errs: map[string]int{}}
			for ctx.Err() == nil && (deadline.IsZero() || time.Now().Before(deadline)) {
				n := started.Add(1)
				if lv.MaxCalls > 0 && n > int64(lv.MaxCalls) {
					break
				}
				wk.call(ctx, lv.Flow, callerNumber(w), deadline)
			}
			stats.record(wk.local, wk.errs, wk.ok)
		})
	}
	wg.Wait()
	// Idle connections would otherwise pile up across targets: 500 to each.
	r.Client.CloseIdleConnections()
	stats.Elapsed = max(time.Since(measureFrom), 0)
	if r.CPU != nil {
		if c, err := r.CPU(); err == nil {
			stats.ServerCPU = max(c-<-cpuStart, 0)
		}
	}
	return stats
}

// callerNumber spreads calls over a hundred mobiles of the range ACMA
// reserves for fiction (0491 570 006 to 0491 570 159), so most callers
// are returning customers, as on a real night.
func callerNumber(worker int) string {
	return fmt.Sprintf("+61491570%03d", 6+worker%100)
}

// worker is one concurrent caller; its results stay local until the end.
type worker struct {
	r           *Runner
	measureFrom time.Time
	local       map[string]*Latencies
	errs        map[string]int
	ok          int
}

// call makes one phone call through flow, stopping early at the deadline
// or when the server cannot be reached.
func (wk *worker) call(ctx context.Context, flow []Step, caller string, deadline time.Time) {
	c := wk.r.Builder.NewCall(newCallID(), caller, time.Now())
	for _, st := range flow {
		if ctx.Err() != nil || (!deadline.IsZero() && time.Now().After(deadline)) {
			return
		}
		if !wk.step(ctx, c, st) {
			// Back off a little so a dead server is not a busy loop.
			time.Sleep(10 * time.Millisecond)
			return
		}
	}
}

// step sends one tool call and records it. It returns false on a
// transport failure.
func (wk *worker) step(ctx context.Context, c *Call, st Step) bool {
	now := time.Now()
	body := wk.r.Builder.Body(c, c.NextToolCallID(), st.Tool, st.Arguments, now)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, wk.r.URL,
		bytes.NewReader(body))
	if err != nil {
		panic(err) // a bad URL is the load generator's bug
	}
	ts := strconv.FormatInt(now.Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Timestamp", ts)
	req.Header.Set("X-Signature", webhook.Sign(wk.r.Secret, ts, body))

	begin := time.Now()
	status, reply, err := wk.r.do(req)
	elapsed := time.Since(begin)
	measured := !begin.Before(wk.measureFrom)
	if err != nil {
		if measured && ctx.Err() == nil {
			wk.errs[ErrTransport]++
		}
		return false
	}
	if !measured {
		return true
	}
	if wk.local[st.Tool] == nil {
		wk.local[st.Tool] = &Latencies{}
	}
	wk.local[st.Tool].Add(elapsed)
	if kind := judge(status, reply); kind != "" {
		wk.errs[kind+" "+st.Tool]++
	} else {
		wk.ok++
	}
	return true
}

func (r *Runner) do(req *http.Request) (int, []byte, error) {
	resp, err := r.Client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, body, err
}

// judge returns the kind of failure a reply is ("" for success), with the
// status code for HTTP failures.
func judge(status int, body []byte) string {
	if status != http.StatusOK {
		return ErrStatus + " " + strconv.Itoa(status)
	}
	var reply struct {
		Results []struct {
			Result *string `json:"result"`
			Error  string  `json:"error"`
		} `json:"results"`
	}
	if err := json.Unmarshal(body, &reply); err != nil || len(reply.Results) != 1 {
		return ErrBadReply
	}
	res := reply.Results[0]
	if res.Error != "" || res.Result == nil {
		return ErrToolEntry
	}
	var out struct {
		OK *bool `json:"ok"`
	}
	if err := json.Unmarshal([]byte(*res.Result), &out); err != nil || out.OK == nil {
		return ErrBadReply
	}
	if !*out.OK {
		return ErrNotOK
	}
	return ""
}

// newCallID returns a random UUID-shaped id, as VAPI's call ids are.
func newCallID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// Without returns flow minus the steps calling any of tools.
func Without(flow []Step, tools ...string) []Step {
	var out []Step
	for _, st := range flow {
		drop := false
		for _, t := range tools {
			drop = drop || st.Tool == t
		}
		if !drop {
			out = append(out, st)
		}
	}
	return out
}
