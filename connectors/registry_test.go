package connectors

import (
	"slices"
	"testing"
)

func TestKindsListPhoneSystemsFirstByTitle(t *testing.T) {
	saved := kinds
	t.Cleanup(func() { kinds = saved })
	kinds = nil
	Register(Kind{Name: "csv", Title: "Spreadsheet", Fields: []Field{{Key: "file"}}})
	Register(Kind{Name: "yeastar", Title: "Yeastar", Fields: []Field{{Key: "url"}}})
	Register(Kind{Name: "3cx", Title: "3CX", Fields: []Field{{Key: "url"}}})
	var names []string
	for _, k := range Kinds() {
		names = append(names, k.Name)
	}
	if !slices.Equal(names, []string{"3cx", "yeastar", "csv"}) {
		t.Errorf("order %v", names)
	}
	if _, ok := Lookup("yeastar"); !ok {
		t.Error("Lookup should find a registered kind")
	}
	defer func() {
		if recover() == nil {
			t.Error("registering a name twice should panic")
		}
	}()
	Register(Kind{Name: "csv"})
}
