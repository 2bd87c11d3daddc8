// Package all is the one list of the connectors Ringfence is built with.
// Nothing registers itself: a connector is offered because it is written
// down here, and a test fails when a connector package is missing.
package all

import (
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/csvinv"
	"github.com/ringfence/ringfence/connectors/freepbx"
	"github.com/ringfence/ringfence/connectors/kamailio"
	"github.com/ringfence/ringfence/connectors/threecx"
	"github.com/ringfence/ringfence/connectors/yeastar"
)

// Kinds is every connector a site can be connected through.
func Kinds() connectors.Registry {
	return connectors.Registry{threecx.Kind(), freepbx.Kind(), yeastar.Kind(), kamailio.Kind(), csvinv.Kind()}
}
