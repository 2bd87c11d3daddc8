package httpx

import (
	"errors"
	"strings"
	"testing"
)

func TestPagerStopsRepeatsAndCapsPages(t *testing.T) {
	t.Parallel()
	_, c := newServer(t, nil)
	p := c.Pager("reading users", "users")
	for _, link := range []string{"", "a", "b"} {
		if err := p.Next(link); err != nil {
			t.Fatalf("%q: %v", link, err)
		}
	}
	err := p.Next("a")
	if !errors.Is(err, ErrPaging) || !strings.HasPrefix(err.Error(), "test: reading users: ") || !strings.Contains(err.Error(), "repeated itself after 3 pages") {
		t.Fatalf("a repeated link: %v", err)
	}

	p = c.Pager("reading phones", "phones")
	for i := range c.Limits().MaxPages {
		if err := p.Next(""); err != nil {
			t.Fatalf("page %d: %v", i+1, err)
		}
	}
	if err := p.Next(""); !errors.Is(err, ErrPaging) || !strings.Contains(err.Error(), "page_size") {
		t.Fatalf("one page too many: %v", err)
	}

	p = c.Pager("reading phones", "phones")
	p.Next("")
	if err := p.Seen([]byte(`[{"Id":1}]`)); err != nil {
		t.Fatal(err)
	}
	p.Next("")
	if err := p.Seen([]byte(`[]`)); err != nil {
		t.Fatalf("an empty page ends a list: %v", err)
	}
	p.Next("")
	if err := p.Seen([]byte(`[{"Id":1}]`)); !errors.Is(err, ErrPaging) || !strings.Contains(err.Error(), "page 3 of phones brought nothing new (the same as page 1)") {
		t.Fatalf("a repeated page: %v", err)
	}
}
