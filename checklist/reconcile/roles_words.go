package reconcile

// roleWords name places, rooms, departments, services, job titles held in
// turn by whoever has the job, and devices: an extension named only with
// these (and numbers) is a role or shared line. None of them is a common
// British surname or given name; words that are (Hall, Ward, Page, Porter)
// are in surnameWords instead, so that "Holly Ward" stays a person.
var roleWords = wordSet(
	// The front of a business and its switchboard.
	"reception", "receptionist", "receptionists", "switchboard", "operator", "enquiries", "enquiry", "inquiries",
	"info", "information", "main", "front", "desk", "office", "offices", "admin", "administration", "general",
	"customer", "customers", "client", "clients", "care", "service", "services", "helpdesk", "help", "support",
	"team", "teams", "group", "dept", "department", "queue", "ivr", "menu", "voicemail", "mailbox", "operator",
	"line", "lines", "hotline", "helpline", "number", "ext", "extn", "extension", "direct", "incoming", "outgoing",
	"overflow", "night", "weekend", "hours", "oncall", "call", "calls", "callback", "emergency",
	"emergencies", "urgent", "duty", "cover", "standby", "backup", "spare", "test", "temp", "temporary", "shared",
	"common", "communal", "staff", "all", "everyone", "visitor", "visitors", "guests", "public",
	"internal", "external", "private", "new", "old", "upstairs", "downstairs", "ground", "floor", "level",
	"first", "second", "third", "top", "upper", "lower", "south", "east", "rear", "side",
	// Rooms and places.
	"room", "rooms", "suite", "lounge", "lobby", "foyer", "entrance", "corridor", "landing", "annexe", "annex",
	"meeting", "conference", "boardroom", "training", "interview", "consult", "consulting", "consultation",
	"surgery", "surgeries", "theatre", "theater", "prep", "preparation", "recovery", "isolation", "treatment",
	"clinic", "clinics", "lab", "labs", "laboratory", "xray", "radiography", "imaging", "scan", "ultrasound",
	"dispensary", "pharmacy", "kennel", "kennels", "cattery", "stables", "stable", "equine", "farm", "animal",
	"animals", "pet", "pets", "large", "exotics", "grooming", "decon", "sterilisation", "sterilization",
	"canteen", "cafe", "café", "restaurant", "bar", "cellar", "pantry", "kitchens", "servery",
	"dining", "function", "functions", "banqueting", "events", "terrace", "garden", "patio", "takeaway",
	"warehouse", "stores", "stockroom", "loading", "goods", "despatch", "dispatch", "deliveries", "delivery",
	"workshop", "garage", "bodyshop", "body", "paint", "bay", "bays", "ramp", "valeting", "valet", "wash",
	"forecourt", "showroom", "yard", "depot", "site", "factory", "studio", "shop", "store", "counter",
	"till", "tills", "checkout", "library", "classroom", "classrooms", "class", "sports", "gym",
	"pool", "playground", "nursery", "preschool", "school", "college", "sixth", "form", "year", "reception",
	"medical", "sickbay", "aid", "staffroom", "server", "comms", "boiler", "basement", "loft",
	"gatehouse", "security", "car", "parking", "barrier", "branch",
	// Departments and functions.
	"sales", "lettings", "letting", "valuations", "valuation", "viewings", "viewing", "property", "properties",
	"management", "mortgage", "mortgages", "conveyancing", "probate", "family", "litigation",
	"employment", "commercial", "residential", "criminal", "immigration", "trusts", "legal",
	"accounts", "account", "finance", "payroll", "billing", "invoices", "invoicing", "credit", "control",
	"purchasing", "purchase", "ledger", "hr", "personnel", "recruitment", "marketing", "it", "tech",
	"technical", "technicians", "orders", "order", "bookings", "booking", "reservations", "appointments",
	"appointment", "prescriptions", "prescription", "repeat", "results", "result", "dispensing", "triage",
	"referrals", "secretaries", "secretary", "secretarial", "typing", "transcription", "records",
	"mail", "mailroom", "parts", "spares", "tyres", "mot", "servicing", "repairs", "repair", "maintenance",
	"facilities", "estates", "cleaning", "cleaners", "housekeeping", "laundry", "operations", "logistics",
	"transport", "fleet", "drivers", "attendance", "absence", "absences", "exams", "admissions", "senco",
	"send", "safeguarding", "pastoral", "welfare", "wellbeing", "bursary", "patient", "patients", "parents",
	"pupil", "pupils", "student", "students", "members", "membership", "complaints", "feedback", "quality",
	// Job titles held in turn.
	"manager", "managers", "director", "supervisor", "coordinator", "co", "ordinator", "assistant",
	"administrator", "officer", "advisor", "adviser", "consultant", "agent", "negotiator", "surveyor",
	"nurses", "vet", "vets", "veterinary", "doctors", "gp", "gps", "dentist", "dentists",
	"hygienist", "hygienists", "therapist", "therapists", "physio", "physiotherapy", "pharmacist",
	"dispenser", "paramedic", "midwife", "practice", "partner", "partners", "associate", "locum", "locums",
	"chef", "chefs", "sous", "kp", "waiter", "waiters", "waiting", "bartender", "barista", "sommelier",
	"headteacher", "headmaster", "headmistress", "principal", "deputy", "teacher", "teachers", "teaching",
	"bursar", "caretaker", "janitor", "matron", "registrar", "mechanic", "mechanics", "technician",
	"engineer", "engineers", "fitter", "fitters", "installer", "controller", "dispatcher",
	"cashier", "cashiers", "accountant", "bookkeeper", "paralegal", "solicitor", "solicitors", "lawyer",
	"pa", "receptionists", "concierge", "housekeeper", "groundsman", "site", "lead",
	"junior", "trainee", "apprentice", "intern", "stations", "station",
	// Devices and building services.
	"fax", "door", "doors", "entry", "intercom", "gate", "lift", "elevator", "alarm", "alarms", "panic",
	"paging", "pager", "tannoy", "pa", "speaker", "overhead", "modem", "router", "franking", "printer",
	"phone", "phones", "handset", "dect", "cordless", "softphone", "hotdesk", "hot", "conference",
	"courtesy", "lobby", "payphone", "cctv", "bms", "sprinkler", "fire", "refuge", "disabled", "toilet",
	"emergency", "ivr", "autoattendant", "attendant", "auto", "queue", "ring", "pickup",
	// Found on a second set of businesses (salon, accountants, hotel, care
	// home, builders, chemist) after the first list was written.
	"colour", "nail", "nails", "hair", "beauty", "salon", "tax", "bookkeeping", "audit", "spa", "activities",
	"activity", "unit", "units", "estimating", "estimates", "hire",
	// Subjects and activities.
	"science", "music", "drama", "ict", "computing", "dt", "pe", "english", "maths", "history", "geography",
	"languages", "food", "technology", "design", "print", "reprographics", "exam", "examinations",
)

// joinWords link the words of a role ("Out of Hours", "Front of House") and
// say nothing either way.
var joinWords = wordSet("of", "the", "and", "for", "to", "on", "in", "out", "at", "by", "no", "only", "or", "with")

// surnameWords are words for places and jobs that are also common British
// surnames (Hall, Ward, Wood, Page, Porter, Cook, Baker, Turner). Beside a word
// from roleWords they are part of a role ("Sports Hall", "Isolation Ward");
// beside a given name they are a surname ("Holly Ward"); alone they are asked
// about, because a line labelled with a surname is somebody's.
var surnameWords = wordSet(
	"hall", "halls", "ward", "wards", "wood", "page", "porter", "porters", "cook", "cooks", "baker", "turner",
	"fisher", "mason", "butler", "carter", "cooper", "parker", "marsh", "bell", "bells", "house", "church",
	"field", "fields", "lodge", "gates", "bridge", "court", "chambers", "banks", "booth", "bishop", "cross",
	"mills", "mill", "street", "park", "parks", "lane", "green", "hill", "brook", "brooks", "wells", "well",
	"stock", "stocks", "kitchen", "head", "law", "post", "judge", "marshall", "stewart", "steward", "sexton",
	"constable", "sergeant", "chamberlain", "clerk", "clarke", "clark", "wills", "dean", "master", "king",
	"knight", "lord", "pope", "prior", "abbott", "nurse", "doctor", "driver", "miller", "smith", "taylor",
	"walker", "wright", "day", "west", "north", "small", "hunt", "guest", "plant", "senior", "hunter", "archer", "shepherd", "gardener", "gardner", "farmer", "weaver", "thatcher",
	"plumber", "dyer", "tanner", "chandler", "painter", "glazier", "slater", "carpenter", "joiner", "sawyer",
	"barber", "fowler", "fletcher", "bowman", "spencer", "steward", "cash", "money", "read", "reid",
)

// titles before a name ("Dr Patel", "Mrs Okafor") mark a person.
var personTitles = wordSet("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lady", "lord", "rev", "revd", "father", "sister", "sr")

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
