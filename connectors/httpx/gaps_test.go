package httpx

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestOnlyAPartRefusedOrMalformedIsSkippable(t *testing.T) {
	t.Parallel()
	e := func(status int, err error, hint string) error {
		return &Error{Connector: "3cx", Step: "reading trunks", Status: status, Err: err, Hint: hint}
	}
	for _, err := range []error{
		e(404, ErrStatus, "Check the address."), e(403, ErrStatus, "Give it the role."), e(0, ErrBadData, ""),
		e(0, ErrPaging, ""), e(0, ErrNotData, ""), e(200, errors.New("refused (error code 10005)"), ""),
	} {
		if !Skippable(err) {
			t.Errorf("%v should be skippable", err)
		}
	}
	for _, err := range []error{
		e(0, ErrNotReadOnly, ""), e(0, ErrRedirect, ""), e(0, ErrTimeout, ""), e(0, ErrConnect, ""), e(0, ErrOldTLS, ""),
		e(0, context.Canceled, ""), e(0, &UntrustedCertError{}, ""), e(0, ErrCertName, ""), errors.New("plain"), nil,
	} {
		if Skippable(err) {
			t.Errorf("%v should stop the fetch", err)
		}
	}
	if r := GapReason(e(404, ErrStatus, "Check the address.")); r != "Reading trunks: the server said 404 Not Found." {
		t.Errorf("404 reason %q", r)
	}
	if r := GapReason(e(403, ErrStatus, "Give it the role.")); !strings.HasSuffix(r, "Give it the role.") || strings.Contains(r, "3cx") {
		t.Errorf("403 reason %q", r)
	}
}
