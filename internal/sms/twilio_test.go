package sms

import (
	"context"
	"errors"
	"net"
	"reflect"
	"strings"
	"testing"
	"time"
)

const messagesPath = "/2010-04-01/Accounts/" + testSID + "/Messages.json"

func TestTwilio_Send_Form(t *testing.T) {
	tests := []struct {
		name     string
		cfg      TwilioConfig
		wantForm map[string][]string
	}{
		{"from number", TwilioConfig{From: "+61491570110"}, map[string][]string{
			"To": {"+61491570006"}, "From": {"+61491570110"}, "Body": {"Order #007 ready"},
		}},
		{"messaging service", TwilioConfig{From: "+61491570110", MessagingServiceSID: "MG1"},
			map[string][]string{
				"To": {"+61491570006"}, "MessagingServiceSid": {"MG1"},
				"Body": {"Order #007 ready"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFakeTwilio(t)
			cfg := tt.cfg
			cfg.AccountSID, cfg.AuthToken, cfg.APIURL = testSID, testToken, fake.srv.URL
			tw, err := NewTwilio(cfg)
			if err != nil {
				t.Fatal(err)
			}
			sid, err := tw.Send(context.Background(), "+61491570006", "Order #007 ready")
			if err != nil || sid != "SM42" {
				t.Fatalf("Send: got %q, %v; want SM42", sid, err)
			}
			reqs := fake.requests()
			if len(reqs) != 1 {
				t.Fatalf("got %d requests, want 1", len(reqs))
			}
			if reqs[0].path != messagesPath || reqs[0].user != testSID {
				t.Errorf("got path %q user %q, want %q %q",
					reqs[0].path, reqs[0].user, messagesPath, testSID)
			}
			if got := map[string][]string(reqs[0].form); !reflect.DeepEqual(got, tt.wantForm) {
				t.Errorf("got form %v, want %v", got, tt.wantForm)
			}
		})
	}
}

func TestTwilio_Send_BaseURLPath(t *testing.T) {
	fake := newFakeTwilio(t)
	tw, err := NewTwilio(TwilioConfig{AccountSID: testSID, AuthToken: testToken,
		From: "+61491570110", APIURL: fake.srv.URL + "/twilio/"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tw.Send(context.Background(), "+61491570006", "hi"); err != nil {
		t.Fatal(err)
	}
	if got, want := fake.requests()[0].path, "/twilio"+messagesPath; got != want {
		t.Errorf("got path %q, want %q", got, want)
	}
}

func TestTwilio_Send_Errors(t *testing.T) {
	tests := []struct {
		name      string
		reply     reply
		wantCode  string
		wantRetry bool
	}{
		{"rate limited", tooMany, "20429", true},
		{"invalid number", invalidTo, "21211", false},
		{"unsubscribed", unsubscribed, "21610", false},
		{"landline", reply{400, "application/json", twilioError(21635, 400)}, "21635", false},
		{"auth failure", reply{401, "application/json", twilioError(20003, 401)}, "20003", false},
		{"server error", reply{500, "application/json", twilioError(20500, 500)}, "20500", true},
		{"status only", reply{502, "application/json", `{"status":502}`}, "http_502", true},
		{"html from an edge", unavailable, "bad_response", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFakeTwilio(t, tt.reply)
			_, err := fake.sender(t).Send(context.Background(), "+61491570006", "hi")
			checkSendError(t, err, tt.wantCode, tt.wantRetry)
		})
	}
}

func checkSendError(t *testing.T, err error, code string, retry bool) {
	t.Helper()
	var se *SendError
	if !errors.As(err, &se) {
		t.Fatalf("got %v, want a *SendError", err)
	}
	if se.Code != code || se.Retry != retry {
		t.Errorf("got code %q retry %v, want %q %v", se.Code, se.Retry, code, retry)
	}
	if strings.Contains(err.Error(), "491570") {
		t.Errorf("error %q shows the phone number", err)
	}
}

func TestTwilio_Send_ConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	tw, err := NewTwilio(TwilioConfig{AccountSID: testSID, AuthToken: testToken,
		From: "+61491570110", APIURL: "http://" + addr})
	if err != nil {
		t.Fatal(err)
	}
	_, err = tw.Send(context.Background(), "+61491570006", "hi")
	checkSendError(t, err, "dial", true)
}

func TestTwilio_Send_Timeout(t *testing.T) {
	fake := newFakeTwilio(t)
	release := make(chan struct{})
	fake.hold = release
	t.Cleanup(func() { close(release) })
	tw, err := NewTwilio(TwilioConfig{AccountSID: testSID, AuthToken: testToken,
		From: "+61491570110", APIURL: fake.srv.URL, Timeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = tw.Send(context.Background(), "+61491570006", "hi")
	checkSendError(t, err, "timeout", true)
}

func TestTwilio_Send_Cancelled(t *testing.T) {
	fake := newFakeTwilio(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := fake.sender(t).Send(ctx, "+61491570006", "hi")
	checkSendError(t, err, "canceled", true)
	if n := len(fake.requests()); n != 0 {
		t.Errorf("got %d requests after cancel, want 0", n)
	}
}

func TestNewTwilio_Invalid(t *testing.T) {
	tests := []struct {
		name string
		cfg  TwilioConfig
	}{
		{"missing sid", TwilioConfig{AuthToken: testToken, From: "+61491570110"}},
		{"token with symbols", TwilioConfig{AccountSID: testSID, AuthToken: "test-token",
			From: "+61491570110"}},
		{"no sender", TwilioConfig{AccountSID: testSID, AuthToken: testToken}},
		{"url without host", TwilioConfig{AccountSID: testSID, AuthToken: testToken,
			From: "+61491570110", APIURL: "http://"}},
		{"url of another scheme", TwilioConfig{AccountSID: testSID, AuthToken: testToken,
			From: "+61491570110", APIURL: "ftp://fake"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewTwilio(tt.cfg)
			if err == nil {
				t.Fatal("got nil error, want a refusal")
			}
			if strings.Contains(err.Error(), "test-token") {
				t.Errorf("error %q shows the token", err)
			}
		})
	}
}

func TestTwilioConfig_Enabled(t *testing.T) {
	tests := []struct {
		name string
		cfg  TwilioConfig
		want bool
	}{
		{"both", TwilioConfig{AccountSID: testSID, AuthToken: testToken}, true},
		{"no token", TwilioConfig{AccountSID: testSID}, false},
		{"no sid", TwilioConfig{AuthToken: testToken}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cfg.Enabled(); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
