package yeastar

import (
	"context"
	"strconv"

	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/connectors"
)

// extensionRow is one entry of extension/list. The list carries no password
// of any kind; PINs come one at a time from extension/getpassword.
type extensionRow struct {
	ID           int    `json:"id"`
	Number       string `json:"number"`
	CallerIDName string `json:"caller_id_name"`
	Email        string `json:"email_addr"`
	RoleName     string `json:"role_name"`
}

func (s *Source) fetchExtensions(ctx context.Context, progress func(connectors.Progress)) ([]extensionRow, error) {
	return readAll(ctx, s, "extensions", "extension/list", nil,
		func(e extensionRow) string { return strconv.Itoa(e.ID) + "/" + e.Number }, progress)
}

func (e extensionRow) extension() inventory.Extension {
	return inventory.Extension{
		Number: e.Number, Name: e.CallerIDName, Email: e.Email,
		// extension/list has no enabled flag: an extension that exists can
		// register and take calls.
		Enabled: true, Type: inventory.ExtUser, MFA: inventory.MFAUnknown,
	}
}
