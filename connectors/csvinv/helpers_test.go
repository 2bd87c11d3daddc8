package csvinv

import "github.com/ringfence/ringfence/connectors"

func lookupKind() (connectors.Kind, bool) { return Kind(), true }
