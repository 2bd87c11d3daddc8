package reconcile

import (
	"testing"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// corpusLine is an extension name as small businesses really label them, with
// what it is: one person's line, or a role or shared line.
type corpusLine struct {
	business, number, name string
	role                   bool
}

// roleCorpus holds extension names of the kinds seen on small-business phone
// systems, from fourteen kinds of business. The people are spelt the ways PBX admins write them: full names,
// initials, "Surname, First", titles, post-nominals, log-in names, notes in
// brackets, and names that are also ordinary words.
var roleCorpus = []corpusLine{
	// A vets' practice.
	{"vets", "200", "Reception", true},
	{"vets", "201", "Pharmacy", true},
	{"vets", "202", "On-call Vet", true},
	{"vets", "203", "Kennels", true},
	{"vets", "204", "Maintenance Hotline", true},
	{"vets", "205", "Consult Room 1", true},
	{"vets", "206", "Consult 2", true},
	{"vets", "207", "Prep Room", true},
	{"vets", "208", "Theatre", true},
	{"vets", "209", "X-Ray", true},
	{"vets", "210", "Lab", true},
	{"vets", "211", "Cattery", true},
	{"vets", "212", "Isolation Ward", true},
	{"vets", "213", "Nurses Station", true},
	{"vets", "214", "Out of Hours", true},
	{"vets", "215", "Practice Manager", true},
	{"vets", "216", "216", true},
	{"vets", "230", "Dr Emma Lewis", false},
	{"vets", "231", "Emma Lewis MRCVS", false},
	{"vets", "232", "James Herriot", false},
	{"vets", "233", "Siân Roberts", false},
	{"vets", "234", "Okoro, Nkechi", false},
	{"vets", "235", "T. Walsh", false},
	{"vets", "236", "Priya (Nurse)", false},
	{"vets", "237", "Holly Ward", false},
	// A dental practice.
	{"dentist", "100", "Front Desk", true},
	{"dentist", "101", "Surgery 1", true},
	{"dentist", "102", "Surgery 2", true},
	{"dentist", "103", "Hygienist", true},
	{"dentist", "104", "Decon Room", true},
	{"dentist", "105", "Treatment Coordinator", true},
	{"dentist", "106", "Emergency Appointments", true},
	{"dentist", "107", "Patient Line", true},
	{"dentist", "120", "Dr A Patel", false},
	{"dentist", "121", "Mr Khan", false},
	{"dentist", "122", "Rebecca Lloyd-Jones", false},
	{"dentist", "123", "Tomasz Wiśniewski", false},
	{"dentist", "124", "Sandy Marsh", false},
	{"dentist", "125", "Kate Price (Accounts)", false},
	// A firm of solicitors.
	{"solicitors", "300", "Switchboard", true},
	{"solicitors", "301", "Conveyancing", true},
	{"solicitors", "302", "Family Law Team", true},
	{"solicitors", "303", "Probate", true},
	{"solicitors", "304", "Accounts", true},
	{"solicitors", "305", "Boardroom", true},
	{"solicitors", "306", "Meeting Room 2", true},
	{"solicitors", "307", "Post Room", true},
	{"solicitors", "308", "Client Care", true},
	{"solicitors", "320", "Jonathan Carter-Hughes", false},
	{"solicitors", "321", "Jones, Sarah", false},
	{"solicitors", "322", "sjones", false},
	{"solicitors", "323", "Olufemi Adebayo", false},
	{"solicitors", "324", "Mrs D Baker", false},
	{"solicitors", "325", "Rose Hall", false},
	// A restaurant.
	{"restaurant", "10", "Kitchen", true},
	{"restaurant", "11", "Bar", true},
	{"restaurant", "12", "Bookings", true},
	{"restaurant", "13", "Reservations", true},
	{"restaurant", "14", "Takeaway Orders", true},
	{"restaurant", "15", "Head Chef", true},
	{"restaurant", "16", "Cellar", true},
	{"restaurant", "17", "Function Room", true},
	{"restaurant", "18", "Front of House", true},
	{"restaurant", "19", "Line 2", true},
	{"restaurant", "30", "Marco Rossi", false},
	{"restaurant", "31", "Giulia", false},
	{"restaurant", "32", "Chef Tony", false},
	{"restaurant", "33", "Dean Kitchen", false},
	// A primary school.
	{"school", "400", "School Office", true},
	{"school", "401", "Headteacher", true},
	{"school", "402", "Bursar", true},
	{"school", "403", "Staff Room", true},
	{"school", "404", "Medical Room", true},
	{"school", "405", "Caretaker", true},
	{"school", "406", "Nursery", true},
	{"school", "407", "Absence Line", true},
	{"school", "408", "Year 6 Classroom", true},
	{"school", "409", "Sports Hall", true},
	{"school", "410", "Kitchen Manager", true},
	{"school", "411", "SENCO", true},
	{"school", "412", "Main Gate Intercom", true},
	{"school", "430", "Mrs Okafor", false},
	{"school", "431", "Mr J Thompson", false},
	{"school", "432", "Aisha Begum", false},
	{"school", "433", "Grace Wood", false},
	{"school", "434", "Ffion Jenkins", false},
	// A GP surgery.
	{"gp", "500", "Appointments", true},
	{"gp", "501", "Prescriptions", true},
	{"gp", "502", "Repeat Prescriptions", true},
	{"gp", "503", "Test Results", true},
	{"gp", "504", "Duty Doctor", true},
	{"gp", "505", "Practice Nurse", true},
	{"gp", "506", "Dispensary", true},
	{"gp", "507", "Treatment Room", true},
	{"gp", "508", "Consulting Room 4", true},
	{"gp", "509", "Secretaries", true},
	{"gp", "510", "Triage", true},
	{"gp", "511", "Lift Alarm", true},
	{"gp", "530", "Dr Sarah O'Neill", false},
	{"gp", "531", "Dr Mohammed Iqbal", false},
	{"gp", "532", "Wendy Clarke", false},
	{"gp", "533", "Nurse Wendy", false},
	{"gp", "534", "Paul Page", false},
	// A garage.
	{"garage", "600", "Workshop", true},
	{"garage", "601", "Parts", true},
	{"garage", "602", "Service Desk", true},
	{"garage", "603", "MOT Bay", true},
	{"garage", "604", "Bodyshop", true},
	{"garage", "605", "Valeting", true},
	{"garage", "606", "Showroom", true},
	{"garage", "607", "Yard", true},
	{"garage", "608", "Paging", true},
	{"garage", "630", "Dave Mechanic", false},
	{"garage", "631", "Gary Turner", false},
	{"garage", "632", "Kev", false},
	{"garage", "633", "Mark Fisher", false},
	// An estate agent.
	{"agent", "700", "Lettings", true},
	{"agent", "701", "Sales", true},
	{"agent", "702", "Valuations", true},
	{"agent", "703", "Viewings", true},
	{"agent", "704", "Property Management", true},
	{"agent", "705", "Maintenance Line", true},
	{"agent", "706", "Fax", true},
	{"agent", "707", "Door Entry", true},
	{"agent", "708", "Hot Desk 3", true},
	{"agent", "709", "Mortgage Advisor", true},
	{"agent", "730", "Chloe Harrington", false},
	{"agent", "731", "Ravi Shah", false},
	{"agent", "732", "L. Nowak", false},
	{"agent", "733", "Ellie (Lettings)", false},
	{"agent", "734", "Will Sales", false},
	// A second set, written after the word lists and first measured without
	// changing them: 46 lines, 32 right, 7 role lines taken for people's, 7
	// to confirm, no person taken for a role line.
	{"salon", "801", "Front Desk", true}, {"salon", "802", "Colour Bar", true}, {"salon", "803", "Nail Station", true},
	{"salon", "804", "Treatment Room 2", true}, {"salon", "805", "Stacey Hair", false}, {"salon", "806", "Jordan B", false},
	{"salon", "807", "Becky Nails", false},
	{"accountants", "811", "Tax Team", true}, {"accountants", "812", "Bookkeeping", true}, {"accountants", "813", "Audit", true},
	{"accountants", "814", "Partners Office", true}, {"accountants", "815", "Harrison, Paul FCA", false},
	{"accountants", "816", "Anita Desai ACA", false}, {"accountants", "817", "P. Okonkwo", false},
	{"hotel", "821", "Night Porter", true}, {"hotel", "822", "Housekeeping", true}, {"hotel", "823", "Room 101", true},
	{"hotel", "824", "Restaurant", true}, {"hotel", "825", "Spa", true}, {"hotel", "826", "Concierge Desk", true},
	{"hotel", "827", "Duty Manager", true}, {"hotel", "828", "Luca Bianchi", false}, {"hotel", "829", "Marta Kowalska", false},
	{"carehome", "831", "Nurses Office", true}, {"carehome", "832", "Activities", true}, {"carehome", "833", "Laundry", true},
	{"carehome", "834", "Manager's Office", true}, {"carehome", "835", "Rowan Unit", true}, {"carehome", "836", "Lounge 2", true},
	{"carehome", "837", "Grace Adeyemi", false}, {"carehome", "838", "Sr. Mary", false}, {"carehome", "839", "Deputy Manager - Joyce", false},
	{"builders", "841", "Site Office", true}, {"builders", "842", "Estimating", true}, {"builders", "843", "Plant Hire", true},
	{"builders", "844", "Yard Gate", true}, {"builders", "845", "Gaz Pritchard", false}, {"builders", "846", "Wojtek", false},
	{"builders", "847", "Steve (Site)", false}, {"builders", "848", "Kelly Parker", false},
	{"chemist", "851", "Dispensary 2", true}, {"chemist", "852", "Counter", true}, {"chemist", "853", "Consultation Room", true},
	{"chemist", "854", "Delivery Driver", true}, {"chemist", "855", "Amir Pharmacist", false}, {"chemist", "856", "Mrs Begum", false},
}

// corpusOutcome is where Reconcile puts a line when nobody on the staff list
// has its name: "person" (nobody owns it, so it counts against the business),
// "role" (a role or shared line, set apart) or "confirm" (the user is asked).
func corpusOutcome(rep Report, number string) string {
	for _, f := range rep.Unowned {
		if f.Extension == number {
			return "person"
		}
	}
	for _, f := range rep.Shared {
		if f.Extension == number {
			return "role"
		}
	}
	for _, f := range rep.MaybeRole {
		if f.Extension == number {
			return "confirm"
		}
	}
	return "missing"
}

// TestRoleLineCorpus measures how the extension names of eight kinds of small
// business are classified. A person taken for a role line would hide a leaver,
// so that count must be zero; a role line taken for a person, or sent to the
// user to confirm, only costs the user a key press.
func TestRoleLineCorpus(t *testing.T) {
	t.Parallel()
	inv := &inventory.Inventory{}
	for _, l := range roleCorpus {
		inv.Extensions = append(inv.Extensions, inventory.Extension{Number: l.number, Name: l.name, Type: inventory.ExtUser, Enabled: true})
	}
	rep := Reconcile(inv, nil, nil, now)
	var right, wrong, confirm, hidden int
	for _, l := range roleCorpus {
		got := corpusOutcome(rep, l.number)
		want := map[bool]string{true: "role", false: "person"}[l.role]
		switch {
		case got == want:
			right++
		case got == "missing":
			t.Errorf("%s: %q is in no list", l.business, l.name)
		case got == "confirm":
			confirm++
			t.Logf("to confirm: %-10s %q (%s)", l.business, l.name, want)
		case !l.role:
			hidden++
			t.Errorf("%s: the person %q was taken for a role line, which would hide a leaver", l.business, l.name)
		default:
			wrong++
			t.Logf("wrong: %-10s %q is a role line but was taken for a person's", l.business, l.name)
		}
	}
	t.Logf("corpus of %d lines: %d right, %d wrong (%d of them people taken for role lines), %d left to confirm",
		len(roleCorpus), right, wrong+hidden, hidden, confirm)
	// The vets' practice where these were first seen must come out right.
	for _, n := range []string{"201", "202", "203", "204"} {
		if got := corpusOutcome(rep, n); got != "role" {
			t.Errorf("vets %s was classified %q, want a role line", n, got)
		}
	}
	// Most role lines must be recognised without asking, or the list to
	// confirm becomes a chore nobody finishes.
	roles := 0
	for _, l := range roleCorpus {
		if l.role {
			roles++
		}
	}
	if recognised := countOutcome(rep, "role"); recognised*10 < roles*9 {
		t.Errorf("only %d of %d role lines recognised without asking; want at least 90%%", recognised, roles)
	}
}

func countOutcome(rep Report, outcome string) int {
	n := 0
	for _, l := range roleCorpus {
		if l.role && corpusOutcome(rep, l.number) == outcome {
			n++
		}
	}
	return n
}

func TestCorpusNumbersAreUnique(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, l := range roleCorpus {
		if seen[l.number] {
			t.Errorf("extension %s appears twice", l.number)
		}
		seen[l.number] = true
	}
}

func TestWordListsDoNotOverlap(t *testing.T) {
	t.Parallel()
	for w := range roleWords {
		if givenNames[w] {
			t.Errorf("%q is both a role word and a given name; a person called it would be hidden", w)
		}
		if surnameWords[w] {
			t.Errorf("%q is in both roleWords and surnameWords", w)
		}
		if joinWords[w] {
			t.Errorf("%q is in both roleWords and joinWords", w)
		}
	}
}
