package connectors

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/ringfence/ringfence/checklist"
)

// Field is one setting a connector needs, for the connect form and the CLI.
type Field struct {
	Key      string // "url", "client_id", "file", or an Options key
	Label    string
	Help     string // one line: where to find it
	Required bool
	Secret   bool // kept in the OS keyring, never in the site file
}

// Kind describes a connector: how to ask for its settings and how to build it.
type Kind struct {
	Name  string // as stored in site.json: "3cx", "freepbx", "yeastar", "csv"
	Title string // for people: "3CX v20 (XAPI)"
	// LeastPrivilege says what account, role or scope to create on the phone
	// system so that Ringfence can read and nothing more.
	LeastPrivilege string
	Fields         []Field
	// Options are the option keys the connector reads from a site
	// ("calls", "page_size"); any other is refused, since options are saved
	// in plain text and a stray one is either a typo or a secret.
	Options []string
	// New builds a source for a site. secret is empty for connectors without one.
	New func(site checklist.Site, secret string) (Source, error)
}

// Tester is implemented by sources that can check their settings quickly,
// without a full fetch.
type Tester interface {
	Test(ctx context.Context) error
}

var (
	kindsMu sync.RWMutex
	kinds   []Kind
)

// Register makes a connector available; connector packages call it from init.
func Register(k Kind) {
	kindsMu.Lock()
	defer kindsMu.Unlock()
	if slices.ContainsFunc(kinds, func(existing Kind) bool { return existing.Name == k.Name }) {
		panic("connectors: " + k.Name + " registered twice")
	}
	kinds = append(kinds, k)
}

// Kinds lists the registered connectors: phone systems by title, then the ones
// that read a file. Registration order depends on package initialisation, which
// is no order to show people.
func Kinds() []Kind {
	kindsMu.RLock()
	defer kindsMu.RUnlock()
	out := slices.Clone(kinds)
	slices.SortStableFunc(out, func(a, b Kind) int {
		return cmp.Or(cmp.Compare(readsFile(a), readsFile(b)), strings.Compare(a.Title, b.Title))
	})
	return out
}

func readsFile(k Kind) int {
	if slices.ContainsFunc(k.Fields, func(f Field) bool { return f.Key == "file" }) {
		return 1
	}
	return 0
}

// Lookup finds a registered connector by name.
func Lookup(name string) (Kind, bool) {
	kindsMu.RLock()
	defer kindsMu.RUnlock()
	i := slices.IndexFunc(kinds, func(k Kind) bool { return k.Name == name })
	if i < 0 {
		return Kind{}, false
	}
	return kinds[i], true
}
