package core

import (
	"fmt"
	"path/filepath"

	"github.com/ringfence/ringfence/checklist"
)

// fileInFull refuses an inventory file saved without its folder, as older
// versions did. Which folder was meant is not recorded, and reading it from
// wherever this run started could quietly audit another file or fail only
// in a scheduled script, so the user is asked to give it again in full.
func fileInFull(site checklist.Site) error {
	f := site.Connector.File
	if site.Connector.Kind != "csv" || f == "" || filepath.IsAbs(f) {
		return nil
	}
	return fmt.Errorf("The site %q has its inventory file saved as %q, without the folder it is in, so Ringfence cannot tell which file is meant. "+
		"Give the file again with its full path: ringfence connect --site %q --connector csv --file /full/path/to/%s, or in the app choose the site and then \"Change where its facts come from\".",
		site.Name, f, site.Name, filepath.Base(f))
}
