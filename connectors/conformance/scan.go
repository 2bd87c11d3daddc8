package conformance

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

const httpxPath = "github.com/ringfence/ringfence/connectors/httpx"

// httpxUsers lists the package folders directly under root (the connectors
// folder) whose non-test Go files import httpx, other than httpx itself.
func httpxUsers(root string) ([]string, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "httpx" || e.Name() == "conformance" {
			continue
		}
		files, err := filepath.Glob(filepath.Join(root, e.Name(), "*.go"))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				return nil, err
			}
			if imports(parsed.Imports, httpxPath) {
				out = append(out, e.Name())
				break
			}
		}
	}
	return out, nil
}

func imports(specs []*ast.ImportSpec, path string) bool {
	for _, s := range specs {
		if p, err := strconv.Unquote(s.Path.Value); err == nil && p == path {
			return true
		}
	}
	return false
}
