package httpx

import (
	"crypto/sha256"
	"errors"
	"fmt"
)

// ErrPaging is a list whose pages do not come to an end: a next-page link
// that repeats, a page that brings nothing new while the server says more
// remain, or more pages than Limits.MaxPages. It is a fault in the answers,
// not slowness, and the message says so rather than waiting for a deadline.
var ErrPaging = errors.New("the phone system's pages of this list did not come to an end")

// pagingHint is the same for every paging fault.
const pagingHint = "This is a fault in the phone system's answers, not a slow connection; check that its version is one Ringfence supports and that it is up to date."

// Pager guards the reading of one paged list. Call Next before asking for
// each page, and Seen or NothingNew when a page adds nothing. It is not safe
// for concurrent use; one list is read one page at a time.
type Pager struct {
	c     *Client
	step  string
	what  string // "users", for messages
	pages int
	links map[string]bool
	sums  map[[sha256.Size]byte]int
}

// Pager starts guarding one list; step is as in errors ("reading users") and
// what names the items ("users").
func (c *Client) Pager(step, what string) *Pager {
	return &Pager{c: c, step: step, what: what, links: map[string]bool{}, sums: map[[sha256.Size]byte]int{}}
}

// Pages is how many pages have been asked for so far.
func (p *Pager) Pages() int { return p.pages }

// Next counts the page about to be asked for. link is the next-page link or
// cursor the server gave for it ("" for the first page, or when pages are
// numbered by the client). It refuses a link the server already gave and a
// page beyond the limit.
func (p *Pager) Next(link string) error {
	if link != "" {
		if p.links[link] {
			return p.fail(fmt.Errorf("%w: the next-page link for %s repeated itself after %d pages, so Ringfence stopped rather than read the same page again",
				ErrPaging, p.what, p.pages), pagingHint)
		}
		p.links[link] = true
	}
	if p.pages >= p.c.limits.MaxPages {
		return p.fail(fmt.Errorf("%w: the phone system kept sending pages of %s, and Ringfence stops at %d pages of one list",
			ErrPaging, p.what, p.c.limits.MaxPages),
			"If the system really holds that much, ask for bigger pages: run ringfence connect again with --option page_size=1000. Otherwise "+lowerFirst(pagingHint))
	}
	p.pages++
	return nil
}

// Seen refuses a page whose items (raw, as sent) are the same as an earlier
// page's: a server that ignores the page asked for would otherwise send the
// first page for ever. An empty page is never refused; it ends a list.
func (p *Pager) Seen(raw []byte) error {
	if len(raw) == 0 || string(raw) == "[]" || string(raw) == "null" {
		return nil
	}
	sum := sha256.Sum256(raw)
	if first, ok := p.sums[sum]; ok {
		return p.NothingNewSince(first)
	}
	p.sums[sum] = p.pages
	return nil
}

// NothingNew refuses the current page when it brought nothing new although
// the server said more remain.
func (p *Pager) NothingNew() error { return p.NothingNewSince(0) }

// NothingNewSince is NothingNew naming the earlier page it repeats (0: none).
func (p *Pager) NothingNewSince(first int) error {
	again := ""
	if first > 0 {
		again = fmt.Sprintf(" (the same as page %d)", first)
	}
	return p.fail(fmt.Errorf("%w: page %d of %s brought nothing new%s although more were due, so Ringfence stopped rather than ask again",
		ErrPaging, p.pages, p.what, again), pagingHint)
}

func (p *Pager) fail(err error, hint string) error {
	return &Error{Connector: p.c.cfg.Connector, Step: p.step, Err: err, Hint: hint}
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]|0x20) + s[1:]
}
