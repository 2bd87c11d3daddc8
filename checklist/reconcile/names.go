// Package reconcile compares the phone system with the staff list: who owns
// each extension, which leavers still have something live, which extensions
// belong to nobody, which are shared, and which forwards leave the business.
// Every match says why it was made and how sure it is, and a person can
// confirm or reject the uncertain ones.
package reconcile

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// personName is a name taken apart for matching.
type personName struct {
	full    string   // every part, folded, in first-name-first order
	first   string   // first given name
	last    string   // surname
	middles []string // anything in between
}

// parseName folds case, accents and punctuation, turns "Surname, First" round,
// and splits the result. "Ó'Brien, Declan J." becomes first "declan", last
// "obrien", middles ["j"].
func parseName(s string) personName {
	s = strings.TrimSpace(s)
	if before, after, ok := strings.Cut(s, ","); ok && strings.TrimSpace(after) != "" {
		s = after + " " + before
	}
	var words []string
	for _, w := range strings.Fields(foldText(s)) {
		if w != "" && !titles[w] {
			words = append(words, w)
		}
	}
	p := personName{full: strings.Join(words, " ")}
	switch len(words) {
	case 0:
	case 1:
		p.first = words[0]
	default:
		p.first, p.last = words[0], words[len(words)-1]
		p.middles = words[1 : len(words)-1]
	}
	return p
}

// titles are dropped before matching.
var titles = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true, "prof": true, "sir": true, "jr": true, "sr": true}

// foldText lower-cases, strips accents and drops everything but letters,
// digits and spaces; hyphens and dots become spaces so "Jean-Luc" and
// "J.L." split into parts.
func foldText(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(foldLetter(r)))
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// foldLetter handles letters Unicode does not split into a base and an accent.
func foldLetter(r rune) rune {
	switch r {
	case 'ł', 'Ł':
		return 'l'
	case 'ø', 'Ø':
		return 'o'
	case 'đ', 'Đ':
		return 'd'
	case 'ß':
		return 's'
	}
	return r
}

// canonicalFirst maps a first name to the name it is short for, so that Bob
// and Robert, or Liz and Elizabeth, meet.
func canonicalFirst(first string) string {
	if c, ok := shortForms[first]; ok {
		return c
	}
	return first
}

// shortForms maps common English short forms to one full form each. Where a
// short form has several (Chris, Alex, Sam), it maps to a key shared by all.
var shortForms = func() map[string]string {
	groups := [][]string{
		{"robert", "rob", "robbie", "bob", "bobby", "bert"},
		{"elizabeth", "liz", "lizzie", "beth", "betty", "eliza", "libby", "bess", "elisabeth"},
		{"david", "dave", "davy", "davey"},
		{"james", "jim", "jimmy", "jamie", "jimbo"},
		{"katherine", "kate", "katie", "kathy", "kat", "catherine", "cathy", "kathryn", "katharine", "kitty", "cate"},
		{"michael", "mike", "mick", "mickey", "micky", "mikey"},
		{"william", "will", "bill", "billy", "liam", "willie"},
		{"richard", "rich", "rick", "ricky", "dick", "richie"},
		{"thomas", "tom", "tommy"},
		{"margaret", "maggie", "meg", "peggy", "madge", "margo"},
		{"jennifer", "jen", "jenny", "jenn"},
		{"rebecca", "becky", "becca", "bex"},
		{"anthony", "tony", "ant"},
		{"andrew", "andy", "drew"},
		{"benjamin", "ben", "benny"},
		{"christopher", "chris", "kit", "christina", "christine", "kristina", "chrissy"},
		{"alexander", "alex", "alexandra", "sandy", "xander", "lexi"},
		{"samuel", "sam", "sammy", "samantha"},
		{"daniel", "dan", "danny"},
		{"matthew", "matt", "matty"},
		{"nicholas", "nick", "nicky", "nicola", "nikki"},
		{"joseph", "joe", "joey", "josephine", "jo", "josie", "joanne", "joanna"},
		{"edward", "ed", "eddie", "ted", "teddy", "ned"},
		{"patrick", "pat", "paddy", "patricia", "trish", "patty"},
		{"stephen", "steve", "steven", "stevie"},
		{"jonathan", "jon", "jonny", "johnny"},
		{"timothy", "tim", "timmy"},
		{"peter", "pete"},
		{"susan", "sue", "susie", "suzanne"},
		{"deborah", "debbie", "deb", "debra"},
		{"victoria", "vicky", "vikki", "tori"},
		{"charlotte", "charlie", "lottie"},
		{"gregory", "greg"},
		{"philip", "phil", "phillip", "pip"},
		{"gareth", "gaz", "gary"},
		{"frederick", "fred", "freddie"},
		{"harold", "harry", "hal", "henry", "hank"},
		{"kenneth", "ken", "kenny"},
		{"lawrence", "larry", "laurence", "laurie"},
		{"leonard", "leo", "len", "lenny"},
		{"raymond", "ray"},
		{"ronald", "ron", "ronnie"},
		{"donald", "don", "donny"},
		{"douglas", "doug", "dougie"},
		{"geoffrey", "geoff", "jeff", "jeffrey"},
		{"abigail", "abby", "abbie", "gail"},
		{"amanda", "mandy"},
		{"helen", "nell", "ellie", "eleanor", "elle", "nora"},
		{"jacqueline", "jackie", "jacqui"},
		{"kimberley", "kim", "kimberly"},
		{"natalie", "nat", "natalia", "natasha", "tash", "tasha"},
		{"pamela", "pam"},
		{"sarah", "sally", "sara"},
		{"theresa", "terry", "tess", "tessa", "teresa"},
		{"zachary", "zach", "zac", "zak"},
		{"callum", "cal"},
		{"dominic", "dom"},
		{"oliver", "olly", "ollie"},
		{"nathaniel", "nathan", "nate"},
		{"siobhan", "shiv"},
	}
	m := make(map[string]string)
	for _, g := range groups {
		for _, n := range g {
			if _, taken := m[n]; !taken {
				m[n] = g[0]
			}
		}
	}
	return m
}()
