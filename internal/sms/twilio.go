package sms

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	twilio "github.com/twilio/twilio-go"
	"github.com/twilio/twilio-go/client"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// DefaultTimeout bounds one request to Twilio, and so how long shutdown
// waits for a send in flight: twilio-go takes no context.
const DefaultTimeout = 8 * time.Second

// TwilioConfig is how to reach Twilio.
type TwilioConfig struct {
	AccountSID string
	AuthToken  string
	// MessagingServiceSID is used when set; otherwise From is the sender.
	MessagingServiceSID string
	From                string
	// APIURL replaces Twilio's scheme and host (tests, staging); "" keeps
	// https://api.twilio.com.
	APIURL  string
	Timeout time.Duration // 0 means DefaultTimeout
}

// Enabled reports whether the credentials are present. Without them the
// program runs SMS dry: the worker gets no Sender.
func (c TwilioConfig) Enabled() bool {
	return c.AccountSID != "" && c.AuthToken != ""
}

// Twilio sends texts through Twilio's Messages API.
type Twilio struct {
	rest    *twilio.RestClient
	from    string
	service string
}

// NewTwilio checks cfg and builds a client. Errors name the problem, never
// a credential.
func NewTwilio(cfg TwilioConfig) (*Twilio, error) {
	if !alphanumeric(cfg.AccountSID) || !alphanumeric(cfg.AuthToken) {
		return nil, errors.New("sms: twilio account sid and auth token must be letters and digits")
	}
	if cfg.MessagingServiceSID == "" && cfg.From == "" {
		return nil, errors.New("sms: twilio needs a from number or a messaging service sid")
	}
	hc, err := httpClient(cfg)
	if err != nil {
		return nil, err
	}
	c := &client.Client{
		Credentials: client.NewCredentials(cfg.AccountSID, cfg.AuthToken),
		HTTPClient:  hc,
	}
	c.SetAccountSid(cfg.AccountSID)
	rest := twilio.NewRestClientWithParams(twilio.ClientParams{Client: c})
	return &Twilio{rest: rest, from: cfg.From, service: cfg.MessagingServiceSID}, nil
}

func httpClient(cfg TwilioConfig) (*http.Client, error) {
	hc := &http.Client{
		Timeout: cfg.Timeout,
		// Twilio's own client follows no redirects either.
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
	if hc.Timeout <= 0 {
		hc.Timeout = DefaultTimeout
	}
	if cfg.APIURL == "" {
		return hc, nil
	}
	base, err := url.Parse(cfg.APIURL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, errors.New("sms: twilio api url must be an http(s) URL with a host")
	}
	hc.Transport = rewriteHost{base: base, next: http.DefaultTransport}
	return hc, nil
}

// rewriteHost sends each request to base's scheme and host, under base's
// path, keeping the request's own path, query and body. twilio-go has no
// base URL setting, so this is how it reaches a fake or staging server.
type rewriteHost struct {
	base *url.URL
	next http.RoundTripper
}

func (rw rewriteHost) RoundTrip(r *http.Request) (*http.Response, error) {
	out := r.Clone(r.Context())
	out.URL.Scheme = rw.base.Scheme
	out.URL.Host = rw.base.Host
	out.URL.Path = strings.TrimSuffix(rw.base.Path, "/") + r.URL.Path
	out.URL.RawPath = ""
	out.Host = ""
	return rw.next.RoundTrip(out)
}

// Send asks Twilio to send body to the E.164 number to and returns the
// message SID. Every error is a *SendError. ctx is checked before sending
// but cannot cut a request short: the HTTP timeout bounds it.
func (t *Twilio) Send(ctx context.Context, to, body string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", &SendError{Code: "canceled", Retry: true, err: err}
	}
	p := &openapi.CreateMessageParams{}
	p.SetTo(to)
	p.SetBody(body)
	if t.service != "" {
		p.SetMessagingServiceSid(t.service)
	} else {
		p.SetFrom(t.from)
	}
	msg, err := t.rest.Api.CreateMessage(p)
	if err != nil {
		return "", classify(err)
	}
	if msg == nil || msg.Sid == nil {
		return "", nil
	}
	return *msg.Sid, nil
}

func alphanumeric(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) {
			return false
		}
	}
	return true
}

// SendError is a failed send: Code is Twilio's error code ("21211") or a
// transport class ("dial", "timeout", "network", "bad_response", "http_NNN"),
// and Retry tells whether trying again can help. Its message holds only the
// code: Twilio's own messages may quote the number.
type SendError struct {
	Code  string
	Retry bool
	err   error
}

func (e *SendError) Error() string { return fmt.Sprintf("sms: send failed: %s", e.Code) }

// Unwrap returns the underlying error, which may hold the phone number.
func (e *SendError) Unwrap() error { return e.err }
