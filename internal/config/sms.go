package config

import (
	"errors"
	"net/netip"
	"net/url"
	"unicode/utf8"

	"github.com/kebabalab/kebabalab/internal/phone"
)

// MaxMenuLinkLen bounds MENU_LINK_URL: with the shop name and the fixed
// words around it, a link of this length keeps the menu text to one SMS.
const MaxMenuLinkLen = 100

// checkTwilio decides between live SMS and dry-run (SPEC §8: without both
// credentials nothing is sent) and checks what Twilio would refuse anyway,
// so `kebabalab check` finds it before the first order. Credentials are
// never echoed.
func (l *loader) checkTwilio(c *Config) {
	t := &c.Twilio
	if t.AccountSID == "" || t.AuthToken == "" {
		t.DryRun = true
		if (t.AccountSID == "") != (t.AuthToken == "") {
			c.Warnings = append(c.Warnings, "only one of TWILIO_ACCOUNT_SID and "+
				"TWILIO_AUTH_TOKEN is set: SMS stays in dry-run")
		}
		return
	}
	if u, err := url.Parse(t.APIURL); err == nil && u.Scheme == "http" &&
		!loopbackHost(u.Hostname()) {
		c.Warnings = append(c.Warnings, "TWILIO_API_URL uses plain http to another "+
			"machine: Twilio credentials would travel unencrypted")
	}
	if !alphanumeric(t.AccountSID) {
		l.problem("TWILIO_ACCOUNT_SID", "must be letters and digits only (it starts with AC)")
	}
	if !alphanumeric(t.AuthToken) {
		l.problem("TWILIO_AUTH_TOKEN", "must be letters and digits only")
	}
	if t.FromNumber == "" && t.MessagingServiceSID == "" {
		l.problem("TWILIO_FROM_NUMBER", "set it or TWILIO_MESSAGING_SERVICE_SID "+
			"when Twilio credentials are given")
	}
}

func alphanumeric(s string) bool {
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return s != ""
}

// shopMobile normalises SHOP_SMS_TO to E.164. Only mobiles receive texts,
// so a landline is refused at start-up rather than failing at the first
// order. The number is not echoed: start-up output may end up in logs.
func (l *loader) shopMobile(key string) string {
	v := l.str(key)
	if v == "" {
		return ""
	}
	e164, err := phone.Normalize(v)
	var pe *phone.Error
	switch {
	case errors.As(err, &pe):
		l.problem(key, "is not an Australian phone number (%s); write the shop's "+
			"mobile as 04xx xxx xxx or +614xxxxxxxx", pe.Reason)
	case err != nil:
		l.problem(key, "is not an Australian phone number")
	case !phone.IsMobile(e164):
		l.problem(key, "must be an Australian mobile (04xx xxx xxx or +614xxxxxxxx); "+
			"a landline cannot receive SMS")
	default:
		return e164
	}
	return ""
}

// menuLink checks MENU_LINK_URL, which is texted to customers: https only
// (http is allowed while developing), and short enough for one SMS.
func (l *loader) menuLink(key string, development bool) string {
	u := l.absURL(key, development)
	if u == nil {
		return ""
	}
	v := u.String()
	if n := utf8.RuneCountInString(v); n > MaxMenuLinkLen {
		l.problem(key, "is %d characters; at most %d keep the menu text to one SMS",
			n, MaxMenuLinkLen)
		return ""
	}
	return v
}

// twilioAPIURL checks TWILIO_API_URL, the base every Twilio request is sent
// to. http is accepted for a fake Twilio in tests and staging; checkTwilio
// warns when it leaves the machine.
func (l *loader) twilioAPIURL(key string) string {
	u := l.absURL(key, true)
	if u == nil {
		return ""
	}
	if u.RawQuery != "" || u.Fragment != "" {
		l.problem(key, "must be a base URL without a query or fragment")
		return ""
	}
	return u.String()
}

// loopbackHost reports whether host names this machine.
func loopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}
