package freepbx

import "github.com/ringfence/ringfence/connectors"

// Options tune a fetch. The zero value reads extensions and voicemail only.
type Options = connectors.FetchOptions

// defaults: 5,000 newest call records, 8 mailbox queries at once, 500
// extensions a page.
var defaults = Options{CallLimit: 5000, Concurrency: 8, PageSize: 500}
