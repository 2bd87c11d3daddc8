package checklist

import (
	"testing"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// A FreePBX module with a published flaw leaves the phone system unpatched,
// whether or not criminals are already exploiting it.
func TestPBXPatchedJudgesEveryModule(t *testing.T) {
	t.Parallel()
	inv := inventoryWith(inventory.FacetPBX)
	inv.PBX = inventory.PBX{Product: "FreePBX", Version: "17.0.19", Components: []inventory.Component{
		{Name: "asterisk", Version: "22.10.1"},
		{Name: "endpoint", Version: "17.0.3"},
		{Name: "framework", Version: "17.0.23"},
	}}
	o := run(t, "FW-03", inv)
	if o.Status != StatusFail || len(o.Affected) != 1 || o.Affected[0].ID != "endpoint" {
		t.Fatalf("endpoint 17.0.3 is below 17.0.6: got %s %+v", o.Status, o.Affected)
	}
	inv.PBX.Components[1].Version = "17.0.6"
	if o := run(t, "FW-03", inv); o.Status != StatusPass {
		t.Errorf("every module patched: got %s (%s)", o.Status, o.Evidence)
	}
}
