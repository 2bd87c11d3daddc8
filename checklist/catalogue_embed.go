package checklist

import (
	_ "embed"
	"sync"
)

//go:embed catalogue.yaml
var catalogueYAML []byte

// Builtin returns the check catalogue shipped inside the binary. The data is part
// of the program, so a fault in it is a bug that the tests catch; it panics rather
// than limp on with half a catalogue.
var Builtin = sync.OnceValue(func() *Catalogue {
	cat, err := LoadCatalogue(catalogueYAML)
	if err != nil {
		panic("built-in " + err.Error())
	}
	return cat
})
