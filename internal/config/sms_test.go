package config

import (
	"strings"
	"testing"
)

// loadWith loads goodSecret plus env and returns the config or the
// problems text.
func loadWith(t *testing.T, env map[string]string) (*Config, string) {
	t.Helper()
	all := map[string]string{"VAPI_WEBHOOK_SECRET": goodSecret}
	for k, v := range env {
		all[k] = v
	}
	c, err := Load(source(all, nil))
	if err != nil {
		return nil, err.Error()
	}
	return c, ""
}

func TestLoad_ShopSMSTo(t *testing.T) {
	tests := []struct {
		value, want, problem string
	}{
		{"", "", ""},
		{"0412 345 678", "+61412345678", ""},
		{"+61 412-345-678", "+61412345678", ""},
		{"61412345678", "+61412345678", ""},
		{"(03) 9534 5588", "", "SHOP_SMS_TO: must be an Australian mobile"},
		{"1300 123 456", "", "SHOP_SMS_TO: is not an Australian phone number (service number)"},
		{"+1 415 555 0100", "", "SHOP_SMS_TO: is not an Australian phone number (not australian)"},
		{"0412 345", "", "SHOP_SMS_TO: is not an Australian phone number (wrong length)"},
		{"shop mobile", "", "SHOP_SMS_TO: is not an Australian phone number"},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			c, problems := loadWith(t, map[string]string{"SHOP_SMS_TO": tt.value})
			if tt.problem != "" {
				if !strings.Contains(problems, tt.problem) {
					t.Fatalf("got %q, want a problem containing %q", problems, tt.problem)
				}
				if strings.Contains(problems, tt.value) {
					t.Fatalf("the number was echoed: %q", problems)
				}
				return
			}
			if problems != "" || c.ShopSMSTo != tt.want {
				t.Fatalf("got %q (problems %q), want %q", c.ShopSMSTo, problems, tt.want)
			}
		})
	}
}

func TestLoad_MenuLinkURL(t *testing.T) {
	long := "https://kebabalab.example/" + strings.Repeat("m", MaxMenuLinkLen)
	tests := []struct {
		name, env, value, want, problem string
	}{
		{"unset", Production, "", "", ""},
		{"https", Production, "https://kebabalab.example/menu",
			"https://kebabalab.example/menu", ""},
		{"http in production", Production, "http://kebabalab.example/menu", "",
			"MENU_LINK_URL: must be an absolute https URL"},
		{"http in development", Development, "http://localhost:3000/menu",
			"http://localhost:3000/menu", ""},
		{"no scheme", Production, "kebabalab.example/menu", "",
			"MENU_LINK_URL: must be an absolute https URL"},
		{"relative", Development, "/menu", "", "MENU_LINK_URL: must be an absolute http(s) URL"},
		{"other scheme", Development, "ftp://kebabalab.example/menu", "",
			"MENU_LINK_URL: must be an absolute http(s) URL"},
		{"credentials", Production, "https://shop:hunter2@kebabalab.example/", "",
			"MENU_LINK_URL: must not contain a user name or password"},
		{"not a URL", Production, "https://[::1", "",
			"MENU_LINK_URL: must be an absolute https URL"},
		{"too long", Production, long, "", "MENU_LINK_URL: is 126 characters; at most 100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, problems := loadWith(t, map[string]string{
				"APP_ENV": tt.env, "MENU_LINK_URL": tt.value,
			})
			if tt.problem != "" {
				if !strings.Contains(problems, tt.problem) {
					t.Fatalf("got %q, want a problem containing %q", problems, tt.problem)
				}
				if strings.Contains(problems, "hunter2") {
					t.Fatalf("a password was echoed: %q", problems)
				}
				return
			}
			if problems != "" || c.MenuLinkURL != tt.want {
				t.Fatalf("got %q (problems %q), want %q", c.MenuLinkURL, problems, tt.want)
			}
		})
	}
}

func TestLoad_TwilioAPIURL(t *testing.T) {
	tests := []struct {
		value, want, problem string
		warns                bool
	}{
		{"", "https://api.twilio.com", "", false},
		{"http://127.0.0.1:9999", "http://127.0.0.1:9999", "", false},
		{"https://twilio.staging.example/base", "https://twilio.staging.example/base", "", false},
		{"http://twilio.staging.example", "http://twilio.staging.example", "", true},
		{"api.twilio.com", "", "TWILIO_API_URL: must be an absolute http(s) URL", false},
		{"ws://api.twilio.com", "", "TWILIO_API_URL: must be an absolute http(s) URL", false},
		{"https://api.twilio.com/?region=au", "", "TWILIO_API_URL: must be a base URL", false},
		{"https://AC1:tok@api.twilio.com", "", "TWILIO_API_URL: must not contain a user", false},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			c, problems := loadWith(t, map[string]string{
				"TWILIO_API_URL": tt.value, "TWILIO_ACCOUNT_SID": "AC123",
				"TWILIO_AUTH_TOKEN": "tok123", "TWILIO_FROM_NUMBER": "+61400000000",
			})
			if tt.problem != "" {
				if !strings.Contains(problems, tt.problem) {
					t.Fatalf("got %q, want a problem containing %q", problems, tt.problem)
				}
				if strings.Contains(problems, "tok@") {
					t.Fatalf("credentials were echoed: %q", problems)
				}
				return
			}
			if problems != "" || c.Twilio.APIURL != tt.want {
				t.Fatalf("got %q (problems %q), want %q", c.Twilio.APIURL, problems, tt.want)
			}
			warned := strings.Contains(strings.Join(c.Warnings, "\n"), "TWILIO_API_URL")
			if warned != tt.warns {
				t.Fatalf("got warnings %q, want a TWILIO_API_URL warning: %v", c.Warnings, tt.warns)
			}
		})
	}
}

func TestLoad_TwilioCredentialsMustBeAlphanumeric(t *testing.T) {
	_, problems := loadWith(t, map[string]string{
		"TWILIO_ACCOUNT_SID": "AC12 3", "TWILIO_AUTH_TOKEN": "tok/en+secret",
		"TWILIO_FROM_NUMBER": "+61400000000",
	})
	for _, want := range []string{"TWILIO_ACCOUNT_SID: must be letters and digits",
		"TWILIO_AUTH_TOKEN: must be letters and digits"} {
		if !strings.Contains(problems, want) {
			t.Errorf("missing %q in %q", want, problems)
		}
	}
	if strings.Contains(problems, "tok/en+secret") || strings.Contains(problems, "AC12 3") {
		t.Fatalf("a credential was echoed: %q", problems)
	}
}

func TestLoad_SMSProblemsListedTogether(t *testing.T) {
	_, problems := loadWith(t, map[string]string{
		"SHOP_SMS_TO": "03 9534 5588", "MENU_LINK_URL": "http://kebabalab.example/menu",
		"TWILIO_API_URL": "twilio", "RATE_LIMIT": "0",
	})
	for _, key := range []string{"SHOP_SMS_TO:", "MENU_LINK_URL:", "TWILIO_API_URL:",
		"RATE_LIMIT:"} {
		if !strings.Contains(problems, key) {
			t.Errorf("missing %s in:\n%s", key, problems)
		}
	}
}
