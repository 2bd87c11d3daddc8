package hrlist

import "slices"

// detectLayout names the HR product that wrote the file, from its headings
// and, where those are generic, its status values, so the import summary can
// say what was read. It changes nothing about how the rows are read.
func detectLayout(header, statuses []string) string {
	has := func(names ...string) bool {
		for _, h := range header {
			if slices.Contains(names, fold(h)) {
				return true
			}
		}
		return false
	}
	value := func(words ...string) bool {
		for _, s := range statuses {
			if slices.Contains(words, fold(s)) {
				return true
			}
		}
		return false
	}
	switch {
	case has("employmentstartdate") && has("workemail"):
		return "Sage HR"
	case has("employeenumber") && has("employmentstatus"):
		return "BambooHR"
	case has("companyemail", "accountemail"):
		return "Employment Hero"
	case value("currentemployee", "pendingleaver") || has("reference") && has("linemanager"):
		return "Breathe HR"
	case value("onboarding") || has("hiredate") && has("terminationdate") && has("status") && !has("employmentstatus"):
		return "Personio"
	case has("employmentstatus") && value("fulltime", "parttime", "contract", "intern"):
		return "Sage HR"
	}
	return "generic staff list"
}
