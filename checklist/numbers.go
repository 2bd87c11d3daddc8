package checklist

import "strings"

// nationalForm rewrites a dialled UK number to its national form ("+44 20…" and
// "0044 20…" become "020…") and strips separators, so that prefixes compare simply.
// International numbers keep a leading "00".
func nationalForm(number string) string {
	var b strings.Builder
	for i, r := range number {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteString("00")
		}
	}
	n := b.String()
	if rest, ok := strings.CutPrefix(n, "0044"); ok {
		return "0" + strings.TrimPrefix(rest, "0")
	}
	return n
}

// premiumRanges are the UK number ranges that cost the caller a premium or pay a
// share of the call charge to the number's owner, which is what fraudsters
// exploit. Ofcom's National Telephone Numbering Plan defines them.
var premiumRanges = []struct{ Prefix, Name string }{
	{"09", "premium rate"},
	{"118", "directory enquiries"},
	{"070", "personal numbers"},
	{"076", "pager numbers"},
	{"087", "revenue-sharing 087"},
}

// optionalBarRanges are worth barring when the business never calls them.
var optionalBarRanges = []string{"084", "055", "056"}
