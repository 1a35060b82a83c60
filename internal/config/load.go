package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Problems lists every invalid setting found, one per line, each naming its
// variable. It never contains a secret's value.
type Problems []string

func (p Problems) Error() string {
	return "invalid configuration:\n  " + strings.Join(p, "\n  ")
}

// Source is where settings come from: the process environment first, then
// the values read from a .env file.
type Source struct {
	Env      func(key string) (string, bool)
	DotEnv   map[string]string
	ReadFile func(path string) ([]byte, error)
}

// OSSource reads the real environment and files.
func OSSource(dotEnv map[string]string) Source {
	return Source{Env: os.LookupEnv, DotEnv: dotEnv, ReadFile: os.ReadFile}
}

type loader struct {
	src      Source
	problems Problems
}

// lookup returns the value of key, with the real environment winning over
// .env, then the default. ok is false when the key is unset everywhere.
func (l *loader) lookup(key string) (string, bool) {
	if v, ok := l.src.Env(key); ok && v != "" {
		return v, true
	}
	if v, ok := l.src.DotEnv[key]; ok && v != "" {
		return v, true
	}
	v, ok := defaults[key]
	return v, ok
}

// secret reads key or its *_FILE twin. Having both set is a mistake worth
// reporting: the operator would not know which one is used.
func (l *loader) secret(key string) string {
	v, hasValue := l.lookup(key)
	path, hasFile := l.lookup(key + "_FILE")
	switch {
	case hasValue && hasFile:
		l.problem(key, "set either %s or %s_FILE, not both", key, key)
		return ""
	case hasFile:
		b, err := l.src.ReadFile(path)
		if err != nil {
			l.problem(key+"_FILE", "cannot read the file it names (%s)", fileErr(err))
			return ""
		}
		return strings.TrimSpace(string(b))
	}
	return v
}

func fileErr(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "it does not exist"
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	}
	return "read failed"
}

func (l *loader) problem(key, format string, args ...any) {
	l.problems = append(l.problems, key+": "+fmt.Sprintf(format, args...))
}

func (l *loader) str(key string) string {
	v, _ := l.lookup(key)
	return strings.TrimSpace(v)
}

func (l *loader) positiveInt(key string, max int64) int64 {
	v := l.str(key)
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 || n > max {
		l.problem(key, "must be a whole number from 1 to %d, got %q", max, v)
		return 0
	}
	return n
}

func (l *loader) duration(key string, min, max time.Duration) time.Duration {
	v := l.str(key)
	d, err := time.ParseDuration(v)
	if err != nil || d < min || d > max {
		l.problem(key, "must be a duration from %s to %s such as \"30m\", got %q", min, max, v)
		return 0
	}
	return d
}

func list(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (l *loader) prefixes(key string) []netip.Prefix {
	var out []netip.Prefix
	for _, s := range list(l.str(key)) {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			addr, aerr := netip.ParseAddr(s)
			if aerr != nil {
				l.problem(key, "%q is not an IP address or CIDR prefix", s)
				continue
			}
			p = netip.PrefixFrom(addr, addr.BitLen())
		}
		out = append(out, p.Masked())
	}
	return out
}

func (l *loader) origins(key string) []string {
	out := list(l.str(key))
	for _, o := range out {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" ||
			(u.Path != "" && u.Path != "/") {
			l.problem(key, "%q is not an origin such as https://vapi.ai", o)
		}
		if o == "*" {
			l.problem(key, "a wildcard origin is not allowed")
		}
	}
	return out
}

// absURL parses key as an absolute URL with a host, https or (when
// allowHTTP) http, and no user name or password. It returns nil when key is
// unset or invalid; the problem is recorded. A value holding credentials is
// not echoed.
func (l *loader) absURL(key string, allowHTTP bool) *url.URL {
	v := l.str(key)
	if v == "" {
		return nil
	}
	want := "an absolute https URL"
	if allowHTTP {
		want = "an absolute http(s) URL"
	}
	u, err := url.Parse(v)
	switch {
	case err != nil:
		l.problem(key, "must be %s; the value is not a URL", want)
	case u.User != nil:
		l.problem(key, "must not contain a user name or password")
	case u.Host == "" || (u.Scheme != "https" && (!allowHTTP || u.Scheme != "http")):
		l.problem(key, "must be %s such as https://example.com/menu, got %q", want, v)
	default:
		return u
	}
	return nil
}

func (l *loader) level(key string) slog.Level {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(l.str(key))); err != nil {
		l.problem(key, "must be debug, info, warn or error, got %q", l.str(key))
	}
	return lv
}

func (l *loader) listenAddr(key string) string {
	v := l.str(key)
	if _, port, err := net.SplitHostPort(v); err != nil || port == "" {
		l.problem(key, "must be host:port such as 127.0.0.1:8080, got %q", v)
	}
	return v
}
