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

func isInternational(national string) bool { return strings.HasPrefix(national, "00") }

// countryCode guesses the dialling code of an international number: the longest
// known code that prefixes it, else its first two digits.
func countryCode(national string) string {
	digits := strings.TrimPrefix(national, "00")
	for n := 3; n >= 1; n-- {
		if len(digits) >= n && knownCountryCodes[digits[:n]] {
			return digits[:n]
		}
	}
	if len(digits) >= 2 {
		return digits[:2]
	}
	return digits
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

func premiumRange(national string) (string, bool) {
	for _, r := range premiumRanges {
		if strings.HasPrefix(national, r.Prefix) {
			return r.Name, true
		}
	}
	return "", false
}

// knownCountryCodes holds ITU-T E.164 country codes, enough to name the country
// part of an international number.
var knownCountryCodes = func() map[string]bool {
	codes := strings.Fields(`1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58
60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98 211 212 213 216 218 220 221 222 223 224 225 226
227 228 229 230 231 232 233 234 235 236 237 238 239 240 241 242 243 244 245 246 248 249 250 251 252 253
254 255 256 257 258 260 261 262 263 264 265 266 267 268 269 290 291 297 298 299 350 351 352 353 354 355
356 357 358 359 370 371 372 373 374 375 376 377 378 380 381 382 383 385 386 387 389 420 421 423 500 501
502 503 504 505 506 507 508 509 590 591 592 593 594 595 596 597 598 599 670 672 673 674 675 676 677 678
679 680 681 682 683 685 686 687 688 689 690 691 692 850 852 853 855 856 870 880 881 882 883 886 960 961
962 963 964 965 966 967 968 970 971 972 973 974 975 976 977 992 993 994 995 996 998`)
	m := make(map[string]bool, len(codes))
	for _, c := range codes {
		m[c] = true
	}
	return m
}()
