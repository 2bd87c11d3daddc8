package tui

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ringfence/ringfence/checklist"
)

// fraudCalls is a FreePBX CDR export: the demo company's leaver's extension
// calling Latvia in the night, one row Ringfence cannot read, and a normal
// call.
const fraudCalls = "calldate,src,dst,billsec,disposition\n" +
	"2026-11-18 02:14:03,214,00371678000091,2472,ANSWERED\n" +
	"2026-11-18 03:14:03,214,00371678000092,2472,ANSWERED\n" +
	"nope,1,2,3,ANSWERED\n" +
	"2026-11-19 10:00:00,101,01614960123,60,ANSWERED\n"

// quietCalls has nothing unusual in it.
func quietCalls(n int) string {
	var b strings.Builder
	b.WriteString("calldate,src,dst,billsec,disposition\n")
	for i := range n {
		fmt.Fprintf(&b, "2026-11-%02d %02d:%02d:00,101,01614960%03d,60,ANSWERED\n", 2+i%5, 10+i%6, i%60, i%1000)
	}
	return b.String()
}

func TestCallRecordsShowIncidentsAndRecordTheReview(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "calls.csv", fraudCalls)
	h := newHarness(t, true, 80, 24)
	h.press("f")
	c, ok := h.top().(*callsScreen)
	if !ok || c.form == nil {
		t.Fatalf("f should ask for the call records, got %T", h.top())
	}
	h.mustSee("A CSV export of call records")
	h.typeText(path)
	h.press("enter", "enter", "enter") // the file, the usual hours, and no column mapping
	h.mustSee("calls.csv: FreePBX layout, 3 calls from 18 Nov 2026 to 19 Nov 2026.")
	h.mustSee("1 row could not be read and was left out")
	h.mustSee(`line 4: the start time "nope" is not a date and time Ringfence can read`)
	h.mustSee("Possible fraud (")
	h.mustSee("1. CRITICAL · extension 214 · 2 calls · 82 min")
	h.mustSee("after its owner left on 30 Oct")
	h.mustSee("Kept in this demo audit, which is not saved. MON-02 is still judged on the")
	ans := h.app.sh.sess.audit.Answers["MON-02"]
	if ans.Value != "found" || !strings.Contains(ans.Reason, "calls.csv") {
		t.Fatalf("the review should be recorded as MON-02's answer: %+v", ans)
	}
	h.press("pgdown")
	h.mustSee("lines ")
	h.press("esc")
	if _, ok := h.top().(*auditScreen); !ok {
		t.Fatalf("esc should go back, got %T", h.top())
	}
}

func TestCallRecordsDecideMONForASiteWithoutItsOwnRecords(t *testing.T) {
	t.Parallel()
	store := smallSite(t)
	path := writeFile(t, "calls.csv", quietCalls(40))
	h := newHarnessWithStore(t, store, false, 80, 24)
	h.press("enter", "enter", "r", "f")
	h.typeText(path)
	h.press("enter", "enter", "enter")
	h.mustSee("Nothing that looks like fraud was found.")
	h.mustSee("MON-02 now reflects this file (✓ pass)")
	saved, err := store.LatestAudit("Acme Dental")
	if err != nil {
		t.Fatal(err)
	}
	if saved.Answers["MON-02"].Value != "yes" || result(saved, "MON-02").Status != checklist.StatusPass {
		t.Fatalf("the review was not saved: %+v", saved.Answers["MON-02"])
	}
	h.press("esc")
	r := h.top().(*results)
	for _, f := range r.findings {
		if f.CheckID == "MON-02" {
			t.Fatal("the results should no longer list MON-02 as a finding")
		}
	}
}

func TestABadCallFileSaysWhyAndChangesNothing(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "calls.csv", "")
	h := newHarness(t, true, 80, 24)
	before := h.app.sh.sess.audit.Answers["MON-02"]
	h.press("f")
	h.typeText(path)
	h.press("enter", "enter", "enter")
	h.mustSee("export the call records again")
	h.mustSee("i      choose a file")
	if h.app.sh.sess.audit.Answers["MON-02"] != before {
		t.Fatal("a file that could not be read must not be recorded")
	}
}

// startScan submits the file question and returns the scan's own command,
// not yet run, so that the test decides what happens first.
func startScan(t *testing.T, h *harness, path string) (*callsScreen, tea.Cmd) {
	t.Helper()
	h.press("f")
	c := h.top().(*callsScreen)
	*c.path = path
	c.form = nil
	batch, ok := c.scan()().(tea.BatchMsg)
	if !ok {
		t.Fatal("the scan should start several things at once")
	}
	for _, sub := range batch {
		name := runtime.FuncForPC(reflect.ValueOf(sub).Pointer()).Name()
		if strings.Contains(name, "(*callsScreen).scan.func") {
			return c, sub
		}
	}
	t.Fatal("the scan started no work")
	return nil, nil
}

func TestCallRecordsShowProgressWhileReading(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 80, 24)
	path := writeFile(t, "calls.csv", quietCalls(5000))
	c, work := startScan(t, h, path)
	done := work()
	h.send(callsTickMsg{op: c.op.id})
	h.mustSee("5,000 calls read so far.")
	h.mustSee("esc to cancel")
	h.send(done)
	h.mustSee("5,000 calls from")
}

func TestCancellingTheScanStopsItAndRecordsNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t, true, 80, 24)
	path := writeFile(t, "calls.csv", quietCalls(2000))
	before := h.app.sh.sess.audit.Answers["MON-02"]
	c, work := startScan(t, h, path)
	h.press("esc")
	if c.op.running {
		t.Fatal("esc should stop the scan")
	}
	msg := work().(callsScannedMsg)
	if !errors.Is(msg.err, context.Canceled) || msg.stats.Calls > 1 {
		t.Fatalf("the scan should stop at the first call once cancelled: %v, %d calls", msg.err, msg.stats.Calls)
	}
	h.send(msg)
	h.mustSee("You stopped reading the call records. Nothing was recorded.")
	if h.app.sh.sess.audit.Answers["MON-02"] != before {
		t.Fatal("a cancelled scan must not be recorded")
	}
}

func TestAFileNameAtTheStartOfAnErrorKeepsItsSpelling(t *testing.T) {
	t.Parallel()
	if got := plainError(errors.New("staff.csv is empty")); got != "staff.csv is empty." {
		t.Fatalf("got %q", got)
	}
}

func TestAccessibleFileQuestionsReadTheirDescription(t *testing.T) {
	t.Parallel()
	sh := &shared{opts: Options{Accessible: true}}
	if fields := fileQuestion(sh, "Call records", "What the file holds.", new(string)); len(fields) != 2 {
		t.Fatalf("accessible mode should put the description in a note before the input, got %d fields", len(fields))
	}
	sh.opts.Accessible = false
	if fields := fileQuestion(sh, "Call records", "What the file holds.", new(string)); len(fields) != 1 {
		t.Fatalf("got %d fields", len(fields))
	}
}

func TestACallFileOfNoKnownLayoutIsReadThroughAColumnMapping(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "export.csv", "When,Ext,Dialled,Secs\n18/11/2026 02:14,214,00371678000091,2472\n")
	h := newHarness(t, true, 80, 24)
	h.press("f")
	h.typeText(path)
	h.press("enter", "enter")
	h.mustSee("Columns (optional)")
	h.typeText("start=When,nonsense")
	h.press("enter")
	if c := h.top().(*callsScreen); c.form == nil {
		t.Fatal("a mapping Ringfence cannot read should be refused by the form")
	}
	for range len("nonsense") {
		h.send(keyMsg("backspace"))
	}
	h.typeText("from=Ext,to=Dialled,duration=Secs")
	h.press("enter")
	h.mustSee("export.csv: custom layout, 1 call")
	h.mustSee("Possible fraud")
}

func TestBusinessHoursAreAskedOnceAndRemembered(t *testing.T) {
	t.Parallel()
	store := smallSite(t)
	path := writeFile(t, "calls.csv", quietCalls(40))
	h := newHarnessWithStore(t, store, false, 80, 24)
	h.press("enter", "enter", "r", "f")
	h.typeText(path)
	h.press("enter")
	h.mustSee("Business hours")
	h.send(keyMsg("ctrl+u"))
	h.typeText("mon-sat 7:00-19:00")
	h.press("enter", "enter")
	h.mustSee("Nothing that looks like fraud was found.")
	site, err := store.Site("Acme Dental")
	if err != nil {
		t.Fatal(err)
	}
	if site.Hours != "Mon-Sat 07:00-19:00" {
		t.Errorf("the site should remember its hours, got %q", site.Hours)
	}
	if got := h.app.sh.sess.audit.Hours; got != "Mon-Sat 07:00-19:00" {
		t.Errorf("the audit should use the new hours, got %q", got)
	}
	h.press("i")
	h.mustSee("Mon-Sat 07:00-19:00")
}
