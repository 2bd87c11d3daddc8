package connectors

import (
	"slices"
	"strings"
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

func TestCheckOptionsRefusesUnknownAndSecretKeys(t *testing.T) {
	t.Parallel()
	k := Kind{Name: "3cx", Options: []string{"calls", "page_size"}}
	if err := k.CheckOptions(map[string]string{"calls": "yes", "page_size": "50"}); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"pwd": "keyring", "pass": "keyring", "key": "keyring", "API_Token": "keyring", "colour": "has no option"} {
		err := k.CheckOptions(map[string]string{"calls": "yes", key: "s3cret"})
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "page_size (") || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: %v", key, err)
		}
	}
}
