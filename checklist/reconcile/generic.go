package reconcile

import "strings"

// genericWords are words in an extension's name that say it is a place, a
// team or a device rather than a person.
var genericWords = map[string]bool{
	"reception": true, "receptionist": true, "sales": true, "support": true, "accounts": true, "office": true,
	"hotdesk": true, "hot": true, "desk": true, "meeting": true, "conference": true, "room": true, "boardroom": true,
	"kitchen": true, "warehouse": true, "lobby": true, "fax": true, "door": true, "entry": true, "lift": true,
	"paging": true, "test": true, "admin": true, "spare": true, "temp": true, "showroom": true, "shop": true,
	"helpdesk": true, "service": true, "enquiries": true, "info": true, "main": true, "front": true, "team": true,
	"queue": true, "ivr": true, "group": true, "voicemail": true, "operator": true, "night": true, "general": true,
	"customer": true, "care": true, "switchboard": true, "intercom": true, "gate": true, "alarm": true, "training": true,
	"studio": true, "workshop": true, "yard": true, "site": true, "payroll": true, "finance": true,
	"marketing": true, "orders": true, "despatch": true, "dispatch": true, "goods": true,
	"shared": true, "common": true, "staff": true, "canteen": true, "porter": true, "security": true,
}

// genericName says why a name is not a person's, or "" when it may be one.
func genericName(name string) string {
	words := strings.Fields(foldText(name))
	if len(words) == 0 {
		return "it has no name"
	}
	for _, w := range words {
		if genericWords[w] {
			return "the name " + quote(name) + " is a place or team, not a person"
		}
		if strings.ContainsAny(w, "0123456789") {
			return "the name " + quote(name) + " has numbers in it, so it is not a person's"
		}
	}
	return ""
}

func quote(s string) string { return "\u201c" + strings.TrimSpace(s) + "\u201d" }
