package conformance

import "testing"

func TestContainsSecret(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		text, secret string
		want         bool
	}{
		{`"pin":"2580"`, "2580", true},
		{`mailbox 2580 leaked`, "2580", true},
		{`"fetched_at":"2026-11-22T10:56:05.123258012Z"`, "2580", false},
		{`"key":"rf-3cx-key-Vq7Lw2Zp9Xk4"`, "rf-3cx-key-Vq7Lw2Zp9Xk4", true},
		{`nothing here`, "2580", false},
		{`12580 and 2580`, "2580", true},
	} {
		if got := ContainsSecret(tt.text, tt.secret); got != tt.want {
			t.Errorf("ContainsSecret(%q, %q) = %v", tt.text, tt.secret, got)
		}
	}
}
