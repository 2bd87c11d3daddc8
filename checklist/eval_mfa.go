package checklist

import (
	"slices"
	"strings"

	"github.com/ringfence/ringfence/checklist/inventory"
)

func (e evaluatorSet) addMFA() {
	e.register("MFA-01", []fact{namedAdmins}, adminsHaveMFA)
	e.register("MFA-02", []fact{usersWithMFAState}, usersHaveMFA)
	e.register("MFA-03", []fact{namedAdmins}, adminsAreNamed)
}

func adminItem(a inventory.AdminAccount, detail string) Item {
	return Item{Kind: "account", ID: a.Username, Label: joinNonEmpty(" ", a.Username, parenthesise(a.Name)), Detail: detail}
}

func parenthesise(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

func enabledAdmins(inv *inventory.Inventory) []inventory.AdminAccount {
	var out []inventory.AdminAccount
	for _, a := range inv.Admins {
		if a.Enabled {
			out = append(out, a)
		}
	}
	return out
}

func adminsHaveMFA(f *Facts) Outcome {
	admins := enabledAdmins(f.Inventory)
	var items []Item
	unsure := 0
	for _, a := range admins {
		if a.Username == "" {
			unsure++
			continue
		}
		switch a.MFA {
		case inventory.MFADisabled:
			items = append(items, adminItem(a, "no second factor"))
		case inventory.MFAEnabled:
		default:
			unsure++
		}
	}
	switch {
	case len(items) > 0:
		return fail(items, "Admin accounts that can sign in with a password alone: %d of %d.", len(items), len(admins))
	case unsure > 0:
		return unknown("MFA could not be confirmed for %s.", plural(unsure, "admin account", "admin accounts"))
	}
	return pass("Admin accounts checked: %d. All use MFA.", len(admins))
}

func usersHaveMFA(f *Facts) Outcome {
	inv := f.Inventory
	var items []Item
	on, unsure := 0, 0
	for _, e := range inv.Extensions {
		if !e.Enabled || !personalExtension(e) {
			continue
		}
		if e.Number == "" {
			unsure++
			continue
		}
		switch e.MFA {
		case inventory.MFADisabled:
			items = append(items, extensionItem(e, "no second factor for the app or portal"))
		case inventory.MFAEnabled:
			on++
		default:
			unsure++
		}
	}
	switch {
	case len(items) > 0:
		return fail(items, "Users who can sign in to the phone app or portal with a password alone: %d.", len(items))
	case unsure > 0:
		return unknown("Users whose MFA setting could not be read: %d of %d.", unsure, unsure+on)
	}
	return pass("Users checked: %d. All have MFA.", on)
}

// Logins that name a role rather than a person are shared in practice, whatever
// the account settings say.
var genericAdminNames = []string{"admin", "administrator", "root", "sysadmin", "pbxadmin", "support", "it", "reception", "office", "manager", "user"}

func adminsAreNamed(f *Facts) Outcome {
	admins := enabledAdmins(f.Inventory)
	var items []Item
	unnamed := 0
	for _, a := range admins {
		local, _, _ := strings.Cut(strings.ToLower(a.Username), "@")
		switch {
		case a.Username == "":
			unnamed++
		case a.Shared:
			items = append(items, adminItem(a, "shared by several people"))
		case slices.Contains(genericAdminNames, local):
			items = append(items, adminItem(a, "a generic name, not a person"))
		}
	}
	if len(items) > 0 {
		return fail(items, "Admin accounts that are shared or generic: %d. Nobody can tell who made a change.", len(items))
	}
	if unnamed > 0 {
		return unknown("Admin accounts whose username could not be read: %d of %d.", unnamed, len(admins))
	}
	return pass("Admin accounts checked: %d. All belong to named people.", len(admins))
}
