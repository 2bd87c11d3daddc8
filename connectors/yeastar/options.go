package yeastar

import "github.com/ringfence/ringfence/connectors"

// Options tune a fetch. The zero value reads everything but call records.
type Options = connectors.FetchOptions

// defaults: 5,000 newest call records, 8 PIN requests at once, 200 extensions
// or phones a page.
var defaults = Options{CallLimit: 5000, Concurrency: 8, PageSize: 200}

// maxCDRPage is the documented maximum page_size of cdr/list.
const maxCDRPage = 10000
