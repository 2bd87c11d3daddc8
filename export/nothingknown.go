package export

// nothingKnownYet replaces "nothing to fix" when no check has been judged:
// an empty plan then means nobody has looked, and the reader needs the next step.
const nothingKnownYet = "Nothing is known yet: no question has been answered and nothing was read from the phone system, so there is no action plan. " +
	"Answer the questions in the app (run ringfence and open the site), or give them with ringfence audit --answers FILE, " +
	"and connect the phone system with ringfence connect if it has one; then run the audit again."
