// Package connectors reads inventories from phone systems and files. Every
// connector only reads: none of them can change the system it looks at.
package connectors

import (
	"context"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// Progress is a short report from a running fetch, for spinners and logs.
type Progress struct {
	Step  string // e.g. "users", "devices"
	Done  int
	Total int // 0 when unknown
}

// Source is anything that can produce an inventory.
type Source interface {
	// Name is the connector's short name, e.g. "demo", "3cx".
	Name() string
	// Fetch reads the inventory. It honours ctx cancellation and calls progress
	// (which may be nil) as it goes.
	Fetch(ctx context.Context, progress func(Progress)) (inventory.Inventory, error)
}
