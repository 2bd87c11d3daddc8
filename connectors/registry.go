package connectors

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/ringfence/ringfence/checklist"
)

// Kind describes a connector: its settings and how to build it.
type Kind struct {
	Name  string // as stored in site.json: "3cx", "freepbx", "yeastar", "csv"
	Title string // for people: "3CX v20 (XAPI)"
	// LeastPrivilege says what account, role or scope to create on the phone
	// system so that Ringfence can read and nothing more.
	LeastPrivilege string
	// Settings is the connector's whole schema: the command line's flags and
	// --option values, the app's connect form and the site file are all
	// checked against it, and any key not in it is refused.
	Settings []Setting
	// New builds a source for a site whose settings have passed Check.
	// secret is empty for connectors without one.
	New func(site checklist.Site, secret string) (Source, error)
}

// Tester is implemented by sources that can check their settings quickly,
// without a full fetch.
type Tester interface {
	Test(ctx context.Context) error
}

// Registry is the list of connectors a front end offers. It is built in one
// place (connectors/all) and passed around as a value, so what a build of
// Ringfence can read is written down rather than left to package imports.
type Registry []Kind

// Sorted lists phone systems by title, then the connectors that read a file.
func (r Registry) Sorted() []Kind {
	out := slices.Clone([]Kind(r))
	slices.SortStableFunc(out, func(a, b Kind) int {
		return cmp.Or(cmp.Compare(readsFile(a), readsFile(b)), strings.Compare(a.Title, b.Title))
	})
	return out
}

func readsFile(k Kind) int {
	if _, ok := k.Setting(KeyFile); ok {
		return 1
	}
	return 0
}

// Lookup finds a connector by name.
func (r Registry) Lookup(name string) (Kind, bool) {
	i := slices.IndexFunc(r, func(k Kind) bool { return k.Name == name })
	if i < 0 {
		return Kind{}, false
	}
	return r[i], true
}

// Names lists the connectors' names, in the order people see them.
func (r Registry) Names() []string {
	var names []string
	for _, k := range r.Sorted() {
		names = append(names, k.Name)
	}
	return names
}
