package sitestore

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
)

// maxSlug keeps folder names well inside every file system's limits while still
// telling sites apart by eye.
const maxSlug = 48

// siteSlug turns a site name into its folder name: lower-case ASCII letters,
// digits and single dashes, with common accented letters folded ("Zoë's Café"
// becomes "zoes-cafe"). Names that differ only in case, accents or punctuation
// share a slug, which is why CreateSite refuses the second of them.
func siteSlug(name string) string {
	lower := strings.ToLower(strings.TrimSpace(name))
	var b strings.Builder
	gap := false
	for _, r := range lower {
		var piece string
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			piece = string(r)
		case foldLatin[r] != "":
			piece = foldLatin[r]
		case r == '\'' || r == '’' || unicode.Is(unicode.Mn, r):
			// Apostrophes and combining accents belong to the word they sit in.
			continue
		default:
			gap = true
			continue
		}
		if gap && b.Len() > 0 {
			b.WriteByte('-')
		}
		gap = false
		b.WriteString(piece)
	}
	slug := b.String()
	if len(slug) > maxSlug {
		slug = strings.TrimRight(slug[:maxSlug], "-")
	}
	if slug == "" {
		// A name in another script still needs a folder, and the same name must
		// always land in the same one.
		sum := sha256.Sum256([]byte(lower))
		return "site-" + hex.EncodeToString(sum[:4])
	}
	if windowsReserved[slug] {
		slug += "-site"
	}
	return slug
}

// windowsReserved are device names that Windows will not accept as a folder name.
var windowsReserved = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true,
	"com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true,
	"lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// foldLatin covers the accented letters of the European languages customers are
// likely to use; anything else becomes a dash.
var foldLatin = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ğ': "g", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'į': "i", 'ı': "i",
	'ł': "l", 'ľ': "l", 'ĺ': "l", 'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o", 'œ': "oe",
	'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ș': "s", 'ß': "ss",
	'ť': "t", 'ţ': "t", 'ț': "t", 'þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
}
