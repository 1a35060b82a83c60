// Package config reads the server's settings from the environment (and an
// optional .env file), applies the defaults and checks every value, so that
// a bad setting stops start-up with a list of everything that is wrong.
package config

import (
	"log/slog"
	"net/netip"
	"time"

	"github.com/kebabalab/kebabalab/internal/pii"
)

// Environments the server knows. Development relaxes only what SPEC §4 lists.
const (
	Production  = "production"
	Development = "development"
)

// MinSecretBytes is the shortest webhook secret or admin token accepted in
// production: 32 bytes is 256 bits when drawn from a random source.
const MinSecretBytes = 32

// Config is the validated configuration. Packages below cmd receive the
// fields they need, never the whole struct.
type Config struct {
	Env                string
	ListenAddr         string
	DatabasePath       string
	MenuPath           string
	WebhookSecrets     []string
	RateLimit          int
	MaxBodyBytes       int64
	CORSAllowedOrigins []string
	TrustedProxies     []netip.Prefix
	SessionTTL         time.Duration
	MaxSessions        int
	Twilio             Twilio
	ShopSMSTo          string
	MenuLinkURL        string
	AdminToken         string
	LogLevel           slog.Level
	LogFormat          string
	PII                PII

	// Now, when set, is the instant the shop clock starts from (KEBABALAB_NOW).
	Now time.Time

	// Warnings are things an operator should see at start-up that do not
	// stop the server, such as running without a webhook secret.
	Warnings []string
}

// Twilio holds the SMS settings. DryRun is true when credentials are
// missing: messages are then recorded as skipped instead of sent.
type Twilio struct {
	AccountSID          string
	AuthToken           string
	FromNumber          string
	MessagingServiceSID string
	APIURL              string
	DryRun              bool
}

// PII holds what protects customers' details at rest (SECURITY.md).
type PII struct {
	// Keys are the encryption and blind-index keys from PII_ENCRYPTION_KEY
	// and PII_INDEX_KEY. They are nil only in development without either
	// variable: then DevKeyFile names the file serve keeps generated keys
	// in.
	Keys       *pii.Keyring
	DevKeyFile string
	// RetentionDays is how long an order keeps its customer's name, phone
	// and notes (PII_RETENTION_DAYS).
	RetentionDays int
}

// Development reports whether the server runs with development relaxations.
func (c *Config) Development() bool { return c.Env == Development }

// defaults is the one place default values live; .env.example mirrors it.
var defaults = map[string]string{
	"APP_ENV":              Production,
	"LISTEN_ADDR":          "127.0.0.1:8080",
	"DATABASE_PATH":        "data/orders.db",
	"MENU_PATH":            "menu.json",
	"RATE_LIMIT":           "60",
	"MAX_BODY_BYTES":       "10485760",
	"CORS_ALLOWED_ORIGINS": "https://api.vapi.ai,https://vapi.ai",
	"TRUSTED_PROXIES":      "127.0.0.1/32,::1/128",
	"SESSION_TTL":          "30m",
	"MAX_SESSIONS":         "1000",
	"TWILIO_API_URL":       "https://api.twilio.com",
	"LOG_LEVEL":            "info",
	"LOG_FORMAT":           "json",
	"PII_RETENTION_DAYS":   "365",
}

// Default returns the default value of a variable, "" when it has none.
// Commands that read one setting without the whole configuration use it.
func Default(key string) string { return defaults[key] }

// secretKeys may be given through a *_FILE twin and are never echoed.
var secretKeys = []string{
	"VAPI_WEBHOOK_SECRET", "TWILIO_AUTH_TOKEN", "TWILIO_ACCOUNT_SID", "ADMIN_TOKEN",
	"PII_ENCRYPTION_KEY", "PII_INDEX_KEY",
}

// Keys lists every variable the server reads, for .env.example checks.
var Keys = []string{
	"APP_ENV", "LISTEN_ADDR", "DATABASE_PATH", "MENU_PATH", "VAPI_WEBHOOK_SECRET",
	"RATE_LIMIT", "MAX_BODY_BYTES", "CORS_ALLOWED_ORIGINS", "TRUSTED_PROXIES", "SESSION_TTL",
	"MAX_SESSIONS", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER",
	"TWILIO_MESSAGING_SERVICE_SID", "TWILIO_API_URL", "SHOP_SMS_TO", "MENU_LINK_URL",
	"ADMIN_TOKEN", "LOG_LEVEL", "LOG_FORMAT", "KEBABALAB_NOW", "PII_ENCRYPTION_KEY",
	"PII_INDEX_KEY", "PII_RETENTION_DAYS",
}
