package sms

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"strconv"

	"github.com/twilio/twilio-go/client"
)

// classify decides whether a failed send may be tried again.
//
// Safe to retry: 429 / 20429 (Twilio never processed the request) and
// failures to connect (nothing left this host). Retried although Twilio may
// have sent the text: 5xx, error bodies that are not Twilio JSON (an HTML
// 503 from an edge), timeouts and resets after the request was written.
// Those make delivery at-least-once: a customer may now and then get the
// same text twice, which beats never getting it. Permanent: the numbers
// Twilio refuses (21211 invalid, 21408 region not enabled, 21608 unverified
// on a trial account, 21610 unsubscribed, 21612 unroutable, 21614 not a
// mobile, 21635 landline) and every other 4xx, since the same request would
// fail the same way.
func classify(err error) *SendError {
	var te *client.TwilioRestError
	if errors.As(err, &te) {
		return byCode(te.Code, te.Status, err)
	}
	var ve *client.RestErrorV1
	if errors.As(err, &ve) {
		return byCode(ve.Code, ve.HttpStatusCode, err)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return &SendError{Code: transportCode(ue), Retry: true, err: err}
	}
	return &SendError{Code: "bad_response", Retry: true, err: err}
}

func byCode(code, status int, err error) *SendError {
	c := strconv.Itoa(code)
	if code == 0 {
		c = "http_" + strconv.Itoa(status)
	}
	retry := code == 20429 || status == http.StatusTooManyRequests ||
		(!permanent(code) && status >= http.StatusInternalServerError)
	return &SendError{Code: c, Retry: retry, err: err}
}

func permanent(code int) bool {
	switch code {
	case 21211, 21408, 21608, 21610, 21612, 21614, 21635:
		return true
	}
	return false
}

// transportCode names a network failure: "dial" when the connection was
// never made (also DNS), "timeout" or "network" when it may have been used.
func transportCode(ue *url.Error) string {
	var oe *net.OpError
	var de *net.DNSError
	switch {
	case errors.As(ue, &oe) && oe.Op == "dial", errors.As(ue, &de):
		return "dial"
	case ue.Timeout():
		return "timeout"
	}
	return "network"
}
