// Command e2emain opens the app on the demo company with a data folder named
// by RINGFENCE_HOME. The end-to-end test builds and drives it in tmux.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/tui"
)

func main() {
	store, err := checklist.OpenStore(os.Getenv("RINGFENCE_HOME"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	now := func() time.Time { return time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC) }
	opts := tui.Options{Store: store, Catalogue: checklist.Builtin(), Now: now, StartDemo: len(os.Args) > 1 && os.Args[1] == "demo",
		Accessible: os.Getenv("RINGFENCE_ACCESSIBLE") == "1"}
	if err := tui.Run(context.Background(), opts); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
