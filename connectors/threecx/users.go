package threecx

import (
	"context"
	"net/url"
	"strings"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/inventory"
)

// userFields are the Pbx.User properties read. VMPIN is the only secret among
// them, read because the audit must judge it; AuthID, AuthPassword,
// DeskphonePassword, AccessPassword, SIPID and ProvLink are never asked for.
var userFields = []string{
	"Id", "Number", "FirstName", "LastName", "EmailAddress", "Enabled",
	"Require2FA", "Enable2FA", "VMEnabled", "VMPIN", "VMDisablePinAuth",
}

// userExpand brings each user's groups with the rights (role) held in each:
// Groups and Rights are navigation properties, absent unless expanded.
const userExpand = "Groups($expand=Rights)"

// user is a Pbx.User as read. VMPIN is cleared as soon as it is judged.
type user struct {
	ID               int    `json:"Id"`
	Number           string `json:"Number"`
	FirstName        string `json:"FirstName"`
	LastName         string `json:"LastName"`
	EmailAddress     string `json:"EmailAddress"`
	Enabled          *bool  `json:"Enabled"`
	Require2FA       bool   `json:"Require2FA"`
	Enable2FA        bool   `json:"Enable2FA"`
	VMEnabled        bool   `json:"VMEnabled"`
	VMPIN            string `json:"VMPIN"`
	VMDisablePinAuth bool   `json:"VMDisablePinAuth"`
	Groups           []struct {
		Name   string             `json:"Name"`
		Rights flexible[userRole] `json:"Rights"`
	} `json:"Groups"`
}

type userRole struct {
	RoleName string `json:"RoleName"`
}

type userFacts struct {
	extensions []inventory.Extension
	mailboxes  []inventory.Mailbox
	admins     []inventory.AdminAccount
}

func (s *Source) readUsers(ctx context.Context, progress func(done, total int)) (userFacts, error) {
	var f userFacts
	q := url.Values{"$select": {strings.Join(userFields, ",")}, "$expand": {userExpand}}
	err := list(ctx, s, "reading users", "/xapi/v1/Users", q, progress, func(batch []user) error {
		for i := range batch {
			u := &batch[i]
			// Judge the PIN and drop it before anything else sees the user.
			pin := checklist.JudgePIN(u.VMPIN, u.Number)
			u.VMPIN = ""
			f.add(u, pin)
		}
		return nil
	})
	return f, err
}

func (f *userFacts) add(u *user, pin inventory.PINJudgement) {
	enabled := u.Enabled == nil || *u.Enabled // 3CX omits nothing it was asked for, but be kind
	mfa := inventory.MFADisabled
	if u.Require2FA || u.Enable2FA {
		mfa = inventory.MFAEnabled
	}
	name := strings.TrimSpace(u.FirstName + " " + u.LastName)
	f.extensions = append(f.extensions, inventory.Extension{
		Number: u.Number, Name: name, Email: u.EmailAddress, Enabled: enabled,
		Type: inventory.ExtUser, MFA: mfa,
	})
	f.mailboxes = append(f.mailboxes, inventory.Mailbox{
		Extension: u.Number, Enabled: u.VMEnabled, PIN: pin, PINRequired: !u.VMDisablePinAuth,
	})
	if role := adminRole(u); role != "" {
		f.admins = append(f.admins, inventory.AdminAccount{
			Username: firstNonEmpty(u.EmailAddress, u.Number), Name: name, Email: u.EmailAddress,
			Role: role, MFA: mfa, Enabled: enabled, Shared: genericName(name),
		})
	}
}

// adminRole is the most powerful role a user holds if it lets them change the
// system. 3CX v20 roles are system owner and system admin (the whole system),
// and group owner or admin (a department's settings); managers, receptionists
// and users change nothing but their own settings.
func adminRole(u *user) string {
	best, rank := "", 0
	for _, g := range u.Groups {
		for _, r := range g.Rights {
			name := strings.ToLower(r.RoleName)
			n := 0
			switch {
			case strings.Contains(name, "system") && strings.Contains(name, "owner"):
				n = 4
			case strings.Contains(name, "system") && strings.Contains(name, "admin"):
				n = 3
			case strings.Contains(name, "owner"):
				n = 2
			case strings.Contains(name, "admin"):
				n = 1
			}
			if n > rank {
				best, rank = r.RoleName, n
			}
		}
	}
	return best
}

// genericName spots accounts named for a desk or a job rather than a person.
func genericName(name string) bool {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "admin", "administrator", "reception", "receptionist", "office", "front desk",
		"support", "it", "it support", "manager", "accounts", "sales", "shared", "user", "test":
		return true
	}
	return false
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
