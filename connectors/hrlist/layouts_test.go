package hrlist

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// The staff lists below follow each product's documented columns and status
// values. The rows and people are made up.
//
//   - BambooHR: field names from the BambooHR API's list of fields
//     (documentation.bamboohr.com, "Field Names": employeeNumber is shown as
//     "Employee #", employmentHistoryStatus as "Employment Status", status is
//     Active or Inactive, plus hireDate and terminationDate).
//   - Sage HR: support.sage.hr, "Sage HR Employee Import Checklist": First
//     Name, Last Name, Work Email, Employment Start Date, Employment Status
//     (Full-time, Part-time, Contract or Intern), Employee number.
//   - Personio: developer.personio.de changelog, "Employee API: added status
//     field": status is one of active, onboarding, leave, inactive; the
//     attributes first_name, last_name, email, hire_date, termination_date
//     are exported under their display names.
//   - Breathe HR: intercom.help/breathehr, "The people list": First name, Last
//     name, Reference, Department, Location, Line manager, Status (pending,
//     current, leaving, left).
//   - Employment Hero: help.employmenthero.com, "Bulk import employees via CSV
//     file": First name, Last name, Account email (the login, often personal)
//     and Company email; terminated users are included on request. The leave
//     column's heading, Termination Date, is assumed.
var vendorLists = map[string]struct {
	body    string
	leavers map[string]time.Time // name -> leave date
	people  int
	odd     []string // status values that must be flagged
}{
	"BambooHR": {
		body: "Employee #,First Name,Last Name,Work Email,Status,Employment Status,Hire Date,Termination Date\n" +
			"1,Jo,Whitaker,jo@brightwater.example.co.uk,Active,Full-Time,2019-09-01,\n" +
			"2,Priya,Shah,priya@brightwater.example.co.uk,Active,Part-Time,2020-02-03,\n" +
			"3,Declan,O Briain,declan@brightwater.example.co.uk,Inactive,Terminated,2022-03-03,2026-03-01\n" +
			"4,Sam,Reed,sam@brightwater.example.co.uk,Active,Contractor,2025-01-06,\n" +
			"5,Kim,Lowe,kim@brightwater.example.co.uk,Active,Secondment,2024-05-01,\n",
		leavers: map[string]time.Time{"Declan O Briain": date(2026, 3, 1)},
		people:  5, odd: []string{"Secondment"},
	},
	"Sage HR": {
		body: "First Name,Last Name,Work Email,Employment Start Date,Employment Status,Position,Employee number\n" +
			"Zoë,Hartley,zoe@example.co.uk,01/09/2021,Full-time,Chef,E100\n" +
			"Gareth,Pryce,gareth@example.co.uk,15/03/2023,Part-time,Porter,E101\n" +
			"Ana,Silva,ana@example.co.uk,06/01/2025,Contract,Consultant,E102\n" +
			"Tom,Hale,tom@example.co.uk,01/07/2025,Intern,Intern,E103\n",
		people: 4,
	},
	"Personio": {
		body: "ID;First name;Last name;Email;Status;Position;Hire date;Termination date\n" +
			"1001;Lena;Vogel;lena@example.co.uk;active;Sales;2020-01-01;\n" +
			"1002;Marc;Weber;marc@example.co.uk;leave;Sales;2021-04-01;\n" +
			"1003;Ida;Kraus;ida@example.co.uk;onboarding;Support;2026-04-01;\n" +
			"1004;Olaf;Brandt;olaf@example.co.uk;inactive;Sales;2019-06-01;2026-02-14\n",
		leavers: map[string]time.Time{"Olaf Brandt": date(2026, 2, 14)},
		people:  4,
	},
	"Breathe HR": {
		body: "First name,Last name,Reference,Department,Location,Line manager,Status,Leaving date\n" +
			"Rhys,Evans,B01,Kitchen,Cardiff,Ann Lee,Current employee,\n" +
			"Nia,Jones,B02,Front of house,Cardiff,Ann Lee,Pending,\n" +
			"Owen,Price,B03,Kitchen,Cardiff,Ann Lee,Leaving,30/06/2026\n" +
			"Cerys,Hughes,B04,Kitchen,Cardiff,Ann Lee,Left,31/01/2026\n" +
			"Dai,Morgan,B05,Bar,Cardiff,Ann Lee,Furloughed,\n",
		leavers: map[string]time.Time{"Owen Price": date(2026, 6, 30), "Cerys Hughes": date(2026, 1, 31)},
		people:  5, odd: []string{"Furloughed"},
	},
	"Employment Hero": {
		body: "First name,Last name,Account email,Company Email,Location,Employment Type,Termination Date\n" +
			"Mia,Chen,mia.chen@gmail.example,mia@brightwater.example.co.uk,London,Full-time,\n" +
			"Leo,Park,leo.park@gmail.example,leo@brightwater.example.co.uk,London,Casual,12/01/2026\n",
		leavers: map[string]time.Time{"Leo Park": date(2026, 1, 12)},
		people:  2,
	},
}

func TestHRProductExports(t *testing.T) {
	t.Parallel()
	for product, tc := range vendorLists {
		staff, rep, err := ReadReport(strings.NewReader(tc.body), product+".csv")
		if err != nil {
			t.Errorf("%s: %v", product, err)
			continue
		}
		if len(staff) != tc.people || rep.Skipped != 0 || !rep.Balanced() || rep.Read != tc.people {
			t.Errorf("%s: %d people, %s, skipped %v", product, len(staff), rep.Summary(), rep.Skips)
		}
		if rep.Layout != product {
			t.Errorf("%s: layout read as %q", product, rep.Layout)
		}
		for _, s := range staff {
			if strings.ContainsAny(s.Name, "0123456789") {
				t.Errorf("%s: an employee number was taken as the name %q", product, s.Name)
			}
			if want, ok := tc.leavers[s.Name]; ok != !s.Left.IsZero() || ok && !s.Left.Equal(want) {
				t.Errorf("%s: %s left on %v, want %v", product, s.Name, s.Left, want)
			}
			if product == "Employment Hero" && !strings.HasSuffix(s.Email, "@brightwater.example.co.uk") {
				t.Errorf("%s: %s has the login address %q, not the company one", product, s.Name, s.Email)
			}
		}
		var flagged []string
		for _, n := range rep.Notes {
			for _, v := range tc.odd {
				if strings.Contains(n, `"`+v+`"`) {
					flagged = append(flagged, v)
				}
			}
		}
		if !slices.Equal(flagged, tc.odd) || len(rep.Notes) != len(tc.odd) {
			t.Errorf("%s: notes %q, want %v flagged", product, rep.Notes, tc.odd)
		}
	}
}

func TestATitleAboveTheHeaderIsAllowed(t *testing.T) {
	t.Parallel()
	body := "Staff list - exported 1 Mar 2026\n\nName,Email,Status,Leave date\nJo Whitaker,jo@example.co.uk,Active,\nDeclan Ó Briain,d@example.co.uk,Leaver,01/03/2026\n"
	staff, rep, err := ReadReport(strings.NewReader(body), "staff.csv")
	if err != nil || len(staff) != 2 || rep.Header != 3 || rep.Titles != 1 || rep.Read != 2 || !rep.Balanced() {
		t.Fatalf("%v %+v %s", err, staff, rep.Summary())
	}
}
