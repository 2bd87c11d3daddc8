package reconcile

import (
	"strings"
	"unicode"
)

// lineKind says what an extension's name suggests it is.
type lineKind int

const (
	// looksPersonal: a person's name, or nothing that says otherwise. A line
	// nobody owns counts against the business.
	looksPersonal lineKind = iota
	// roleLine: a place, team, service, job held in turn, or device.
	roleLine
	// maybeRole: signs both ways; the user is asked, and until then the line
	// counts as personal, so a leaver is never hidden by a guess.
	maybeRole
)

// classifyLine judges an extension's name by its shape. The rule, in order:
//
//   - a name that is only the extension's number, or only digits, is a role
//     line; a name that is empty is asked about;
//   - a person's name is a given name from givenNames, a title followed by a
//     word (Dr Patel), or an initial followed by a word (J. Smith). With any
//     word that is not about a role beside it (a surname), the line is a
//     person's; beside role words only (Nurse Wendy, Rose Room), it is asked
//     about; alone, it is a person's;
//   - with no person's name, words from roleWords make a role line, and
//     surnameWords and numbers may stand beside them (Isolation Ward, Surgery
//     1). A word that is in neither list could be a name Ringfence does not
//     know, so beside role words it makes the line one to ask about, and
//     alone it is a person's. A surname-like word alone, or with a number,
//     is asked about.
func classifyLine(number, name string) (lineKind, string) {
	q := quote(name)
	bare := strings.Join(strings.Fields(foldText(name)), "")
	switch {
	case bare == "":
		return maybeRole, "it has no name, so it may be a role line or a person's: please confirm"
	case bare == strings.Join(strings.Fields(foldText(number)), ""):
		return roleLine, "its name is just its number"
	case strings.IndexFunc(bare, func(r rune) bool { return !unicode.IsDigit(r) }) < 0:
		return roleLine, "its name " + q + " is a number, not a person"
	}
	words := roleTokens(name)
	var person, role, surname, unknown, numbers int
	var unknownWord string
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		nameFollows := next != "" && !roleWords[next] && !joinWords[next] && !isNumber(next)
		switch {
		case givenNames[w]:
			person++
		case personTitles[w] && nameFollows:
			person++
		case personTitles[w]:
			numbers++ // "Duty Dr": a title with no name after it names nobody
		case len([]rune(w)) == 1 && unicode.IsLetter([]rune(w)[0]) && nameFollows:
			person++ // an initial before a surname
		case len([]rune(w)) == 1 && unicode.IsLetter([]rune(w)[0]) && i > 0 && givenNames[words[i-1]]:
			surname++ // "Jordan B": a surname cut to its initial
		case isNumber(w), len([]rune(w)) == 1:
			numbers++
		case joinWords[w]:
		case surnameWords[w]:
			surname++
		case isRoleWord(w):
			role++
		default:
			unknown++
			if unknownWord == "" {
				unknownWord = w
			}
		}
	}
	switch {
	case person > 0 && (unknown > 0 || surname > 0):
		return looksPersonal, ""
	case person > 0 && (role > 0 || numbers > 0):
		return maybeRole, "the name " + q + " has both a person's name and a word for a place or role: please confirm which it is"
	case person > 0:
		return looksPersonal, ""
	case role > 0 && unknown == 0:
		return roleLine, "the name " + q + " is a place, team, service or device, not a person"
	case role > 0:
		return maybeRole, "the name " + q + " looks like a role line, but " + quote(unknownWord) + " could be a person's name: please confirm"
	case surname > 0 && unknown == 0:
		return maybeRole, "the name " + q + " could be a place or a surname: please confirm"
	case unknown > 0 && numbers > 0:
		return maybeRole, "the name " + q + " has a number in it, so it may be a role line: please confirm"
	}
	return looksPersonal, ""
}

// roleTokens folds a name into words, joining the few compounds people write
// with a space or hyphen ("On-call", "X-Ray", "Hot desk").
func roleTokens(name string) []string {
	folded := " " + strings.Join(strings.Fields(foldText(name)), " ") + " "
	for _, c := range [][2]string{{" x ray ", " xray "}, {" on call ", " oncall "}, {" hot desk ", " hotdesk "},
		{" co ordinator ", " coordinator "}, {" e mail ", " email "}, {" head teacher ", " headteacher "},
		{" pre school ", " preschool "}, {" sick bay ", " sickbay "}, {" staff room ", " staffroom "}} {
		folded = strings.ReplaceAll(folded, c[0], c[1])
	}
	return strings.Fields(folded)
}

// isRoleWord looks a word up with its plural undone (Kennels, Secretaries).
func isRoleWord(w string) bool {
	if roleWords[w] {
		return true
	}
	if s, ok := strings.CutSuffix(w, "ies"); ok && roleWords[s+"y"] {
		return true
	}
	if s, ok := strings.CutSuffix(w, "s"); ok && roleWords[s] {
		return true
	}
	return false
}

func isNumber(w string) bool {
	return w != "" && strings.IndexFunc(w, unicode.IsDigit) >= 0
}

func quote(s string) string { return "\u201c" + strings.TrimSpace(s) + "\u201d" }
