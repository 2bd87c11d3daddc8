package all

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ringfence/ringfence/connectors"
)

// notListed are source packages a site cannot be connected through, and why.
var notListed = map[string]string{
	"demo": "the demo company is opened with --demo, never saved as a site's connector",
}

// sourcePackages lists the folders under root whose non-test code has a
// Fetch method returning connectors.Result: the packages that are sources.
func sourcePackages(t *testing.T, root string) map[string]bool {
	t.Helper()
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(root, e.Name(), "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range parsed.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if ok && fn.Recv != nil && fn.Name.Name == "Fetch" && fn.Type.Results != nil && len(fn.Type.Results.List) == 2 {
					if sel, ok := fn.Type.Results.List[0].Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Result" {
						out[e.Name()] = true
					}
				}
			}
		}
	}
	return out
}

// A connector package that is not written into Kinds would never be offered:
// this fails until it is, or until notListed says why not.
func TestEverySourcePackageIsListed(t *testing.T) {
	src, err := os.ReadFile("all.go")
	if err != nil {
		t.Fatal(err)
	}
	pkgs := sourcePackages(t, "..")
	if len(pkgs) < 2 {
		t.Fatalf("found only %v; the scan is looking in the wrong place", pkgs)
	}
	for dir := range pkgs {
		if _, ok := notListed[dir]; ok {
			continue
		}
		if !strings.Contains(string(src), dir+".Kind()") {
			t.Errorf("connectors/%s is a source but Kinds does not list %s.Kind()", dir, dir)
		}
	}
}

func TestKindsAreWholeAndDistinct(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Kinds() {
		if seen[k.Name] {
			t.Errorf("%s is listed twice", k.Name)
		}
		seen[k.Name] = true
		if k.Title == "" || k.LeastPrivilege == "" || k.New == nil || len(k.Settings) == 0 {
			t.Errorf("%s is missing its title, advice, constructor or settings", k.Name)
		}
		keys := map[string]bool{}
		for _, s := range k.Settings {
			if keys[s.Key] || s.Label == "" || s.Help == "" {
				t.Errorf("%s: the setting %q is repeated or lacks its label or help", k.Name, s.Key)
			}
			keys[s.Key] = true
			if s.Type == connectors.Secret && s.Key != connectors.KeySecret {
				t.Errorf("%s names its secret %q; every connector calls it %q", k.Name, s.Key, connectors.KeySecret)
			}
			if s.Type == connectors.Number && s.Min > s.Max {
				t.Errorf("%s: %s has an empty range", k.Name, s.Key)
			}
		}
	}
}
