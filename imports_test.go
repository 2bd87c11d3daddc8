package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportsFlowOneWay holds the layout's one rule of direction: main -> tui
// -> {connectors, export} -> checklist. Only non-test imports count: a test
// may build what it needs from anywhere.
func TestImportsFlowOneWay(t *testing.T) {
	t.Parallel()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH, so the imports cannot be listed")
	}
	const module = "github.com/ringfence/ringfence"
	out, err := exec.Command(goTool, "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	// layer names the part of the product a package belongs to.
	layer := func(pkg string) string {
		rest, ok := strings.CutPrefix(pkg, module)
		if !ok {
			return "" // the standard library or another module
		}
		top, _, _ := strings.Cut(strings.TrimPrefix(rest, "/"), "/")
		if top == "" {
			return "main"
		}
		return top
	}
	// may lists what each part may import from the product, besides itself.
	may := map[string][]string{
		"main":       {"tui", "connectors", "export", "checklist"},
		"tui":        {"connectors", "export", "checklist"},
		"connectors": {"checklist"},
		"export":     {"checklist"},
		"checklist":  {},
	}
	for line := range strings.Lines(string(out)) {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		from := layer(fields[0])
		allowed, known := may[from]
		if !known {
			t.Errorf("%s is in a part of the product the layout does not name (%q)", fields[0], from)
			continue
		}
		for _, imp := range fields[1:] {
			to := layer(imp)
			if to == "" || to == from {
				continue
			}
			ok := false
			for _, a := range allowed {
				ok = ok || a == to
			}
			if !ok {
				t.Errorf("%s imports %s: %s may import only %v", fields[0], imp, from, allowed)
			}
		}
	}
}
