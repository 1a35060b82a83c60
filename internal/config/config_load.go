package config

import (
	"fmt"
	"net"
	"time"
)

// Load reads, defaults and validates every setting. On failure the error is
// Problems, listing each invalid variable once; nothing secret is echoed.
func Load(src Source) (*Config, error) {
	l := &loader{src: src}
	c := &Config{
		Env:                l.str("APP_ENV"),
		ListenAddr:         l.listenAddr("LISTEN_ADDR"),
		DatabasePath:       l.str("DATABASE_PATH"),
		MenuPath:           l.str("MENU_PATH"),
		WebhookSecrets:     list(l.secret("VAPI_WEBHOOK_SECRET")),
		RateLimit:          int(l.positiveInt("RATE_LIMIT", 100_000)),
		MaxBodyBytes:       l.positiveInt("MAX_BODY_BYTES", 1<<30),
		CORSAllowedOrigins: l.origins("CORS_ALLOWED_ORIGINS"),
		TrustedProxies:     l.prefixes("TRUSTED_PROXIES"),
		SessionTTL:         l.duration("SESSION_TTL", time.Minute, 24*time.Hour),
		MaxSessions:        int(l.positiveInt("MAX_SESSIONS", 1_000_000)),
		ShopSMSTo:          l.shopMobile("SHOP_SMS_TO"),
		AdminToken:         l.secret("ADMIN_TOKEN"),
		LogLevel:           l.level("LOG_LEVEL"),
		LogFormat:          l.str("LOG_FORMAT"),
	}
	c.Twilio = Twilio{
		AccountSID:          l.secret("TWILIO_ACCOUNT_SID"),
		AuthToken:           l.secret("TWILIO_AUTH_TOKEN"),
		FromNumber:          l.str("TWILIO_FROM_NUMBER"),
		MessagingServiceSID: l.str("TWILIO_MESSAGING_SERVICE_SID"),
		APIURL:              l.twilioAPIURL("TWILIO_API_URL"),
	}
	l.checkEnv(c)
	c.MenuLinkURL = l.menuLink("MENU_LINK_URL", c.Development())
	l.checkSecrets(c)
	l.checkTwilio(c)
	l.checkNow(c)
	l.checkPII(c)
	if c.LogFormat != "json" && c.LogFormat != "text" {
		l.problem("LOG_FORMAT", "must be json or text, got %q", c.LogFormat)
	}
	if c.DatabasePath == "" {
		l.problem("DATABASE_PATH", "must not be empty")
	}
	if len(l.problems) > 0 {
		return nil, l.problems
	}
	return c, nil
}

func (l *loader) checkEnv(c *Config) {
	switch c.Env {
	case Production:
	case Development:
		if c.LogFormat == defaults["LOG_FORMAT"] && l.unset("LOG_FORMAT") {
			c.LogFormat = "text"
		}
	default:
		l.problem("APP_ENV", "must be production or development, got %q", c.Env)
	}
}

func (l *loader) unset(key string) bool {
	if v, ok := l.src.Env(key); ok && v != "" {
		return false
	}
	return l.src.DotEnv[key] == ""
}

// checkSecrets enforces SPEC §4: production needs a webhook secret of at
// least MinSecretBytes; development may run without one, but then only on
// loopback so that nothing outside the machine can reach the open webhook.
func (l *loader) checkSecrets(c *Config) {
	prod := c.Env == Production
	if len(c.WebhookSecrets) == 0 {
		if prod {
			l.problem("VAPI_WEBHOOK_SECRET", "is required in production "+
				"(set APP_ENV=development to try the server locally without one)")
		} else {
			c.Warnings = append(c.Warnings, "VAPI_WEBHOOK_SECRET is not set: the webhook "+
				"accepts unauthenticated requests; listening on loopback only")
			c.ListenAddr = loopback(c.ListenAddr)
		}
	}
	for i, s := range c.WebhookSecrets {
		if prod && len(s) < MinSecretBytes {
			l.problem("VAPI_WEBHOOK_SECRET", "secret #%d is %d bytes; each must be at least %d",
				i+1, len(s), MinSecretBytes)
		}
	}
	if c.AdminToken != "" && prod && len(c.AdminToken) < MinSecretBytes {
		l.problem("ADMIN_TOKEN", "is %d bytes; it must be at least %d", len(c.AdminToken),
			MinSecretBytes)
	}
}

// loopback keeps the port of addr and replaces a non-loopback host.
func loopback(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if loopbackHost(host) {
		return addr
	}
	return net.JoinHostPort("127.0.0.1", port)
}

func (l *loader) checkNow(c *Config) {
	v := l.str("KEBABALAB_NOW")
	if v == "" {
		return
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		l.problem("KEBABALAB_NOW", "must be an RFC 3339 instant such as "+
			"2026-12-04T18:00:00+11:00, got %q", v)
		return
	}
	c.Now = t
	c.Warnings = append(c.Warnings, fmt.Sprintf("KEBABALAB_NOW is set: the shop clock "+
		"started at %s instead of the real time", t.Format(time.RFC3339)))
}
