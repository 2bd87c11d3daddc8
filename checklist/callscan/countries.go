package callscan

import "strings"

// knownCountryCodes holds the ITU-T E.164 country codes, enough to find where
// the country part of an international number ends.
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

// countryNames names the countries people most often call from the UK and
// every country on the high-risk list, so explanations can say "Latvia" rather
// than "+371". Anything else is shown by its code.
var countryNames = map[string]string{
	"1": "the US or Canada", "7": "Russia or Kazakhstan", "20": "Egypt", "27": "South Africa", "30": "Greece",
	"31": "the Netherlands", "32": "Belgium", "33": "France", "34": "Spain", "36": "Hungary", "39": "Italy",
	"40": "Romania", "41": "Switzerland", "43": "Austria", "45": "Denmark", "46": "Sweden", "47": "Norway",
	"48": "Poland", "49": "Germany", "53": "Cuba", "61": "Australia", "64": "New Zealand", "81": "Japan",
	"86": "China", "90": "Turkey", "91": "India", "92": "Pakistan", "94": "Sri Lanka", "212": "Morocco",
	"232": "Sierra Leone", "234": "Nigeria", "252": "Somalia", "351": "Portugal", "353": "Ireland",
	"354": "Iceland", "356": "Malta", "357": "Cyprus", "358": "Finland", "370": "Lithuania", "371": "Latvia",
	"372": "Estonia", "420": "the Czech Republic", "880": "Bangladesh", "966": "Saudi Arabia",
	"971": "the United Arab Emirates", "870": "Inmarsat satellite phones", "881": "satellite phones (Iridium, Globalstar)",
	"882": "international networks (satellite and global operators)", "883": "international networks (global mobile operators)", "1809": "the Dominican Republic", "1829": "the Dominican Republic",
	"1849": "the Dominican Republic",
}

func countryName(code string) string {
	if n, ok := countryNames[code]; ok {
		return n
	}
	return "+" + code
}

// highRisk lists international destinations that industry fraud reports name
// again and again as where revenue-share fraud ends up. It is a hint, never the
// whole answer: the same reports say fraud has spread to "low-risk" countries,
// which is why an allowed-country list is the real control.
//
//   - Cuba, Latvia, Lithuania, Somalia: "historically the top terminating IPRN
//     destinations" (Commsrisk, "What is new with IRSF fraud?", and "New IRSF
//     data shows there are no 'low risk' destinations any more").
//   - Dominican Republic (+1 809/829/849), Nigeria, United Arab Emirates, Saudi
//     Arabia, Morocco, Sri Lanka: in the top 15 advertised IRSF destinations
//     in the 2021–2022 reports summarised by iconxsolutions.com ("Combat
//     telecom fraud: IPRN").
//
// Satellite phones and international networks are not countries but ITU-T
// E.164 codes of their own ("List of ITU-T Recommendation E.164 assigned
// country codes": +870 Inmarsat, +881 Global Mobile Satellite System, +882 and
// +883 International Networks). Calls to them cost many times an ordinary call
// abroad (Wikipedia, "Global Mobile Satellite System", on "the usually
// expensive GMSS number"; Binary Networks' toll-fraud classes at
// binarynetworks.com.au/restrictintl put mobile satellite services with the
// riskier countries), so an office that never calls them should hear of one.
//
// Keys are the digits after "00"; the longest match wins.
var highRisk = map[string]string{
	"870": satelliteSource, "881": satelliteSource, "882": satelliteSource, "883": satelliteSource,
	"53": "Commsrisk: long-standing top IRSF destination", "371": "Commsrisk: long-standing top IRSF destination",
	"370": "Commsrisk: long-standing top IRSF destination", "252": "Commsrisk: long-standing top IRSF destination",
	"1809": "iconxsolutions: top advertised IRSF destination 2021", "1829": "iconxsolutions: top advertised IRSF destination 2021",
	"1849": "iconxsolutions: top advertised IRSF destination 2021", "234": "iconxsolutions: most-advertised IRSF numbers, August 2021",
	"971": "iconxsolutions: top 15 IRSF destinations, October 2021", "966": "iconxsolutions: top 15 IRSF destinations, October 2021",
	"212": "iconxsolutions: top 15 IRSF destinations, October 2021", "94": "iconxsolutions: top 15 IRSF destinations, October 2021",
}

// HighRiskCountry reports whether an international dialling code ("252",
// "1809") falls under the high-risk list, with the country's name and the
// source that lists it. The dialling-rule check uses it so that an allowed
// country list is judged against the same list as the call records.
func HighRiskCountry(code string) (name, source string, ok bool) {
	k := riskKey(code)
	if k == "" {
		return "", "", false
	}
	return countryName(k), highRisk[k], true
}

// riskKey returns the high-risk list entry that covers an international number
// (digits after "00"), or "".
func riskKey(digits string) string {
	for n := 4; n >= 1; n-- {
		if len(digits) >= n {
			if _, ok := highRisk[digits[:n]]; ok {
				return digits[:n]
			}
		}
	}
	return ""
}

const satelliteSource = "ITU-T E.164 assigned codes: satellite or international network"

// satellite reports whether a high-risk key is a satellite or international
// network code rather than a country.
func satellite(key string) bool { return highRisk[key] == satelliteSource }
