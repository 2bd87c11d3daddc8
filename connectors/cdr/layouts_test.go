package cdr

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

// The files in testdata/layouts are built from each vendor's documented
// columns, with made-up numbers from Ofcom's drama ranges where UK numbers
// appear:
//
//   - 3cx-cdr-noheader.log: the 3CX CDR service's log file, which has no
//     header; fields in the default order of 3CX's "CDR - Call Data Records"
//     (3cx.com/blog/docs/cdr-call-data-records/; the same list at
//     tim4biz.com/pbx/3cx/): historyid, callid, duration, time-start,
//     time-answered, time-end, reason-terminated, from-no, to-no, from-dn,
//     to-dn, dial-no, reason-changed, final-number, final-dn, bill-code,
//     bill-rate, bill-cost, bill-name, chain, from-type, to-type, final-type,
//     from-dispname, to-dispname, final-dispname, missed-queue-calls.
//   - 3cx-report-call-log.csv: the v20 XAPI call report
//     (/xapi/v1/ReportCallLogData/Pbx.GetCallLogData) saved as CSV, with the
//     field names and ISO 8601 durations ("PT41M12S") the public
//     luxzg/3CX-XAPI_examples scripts read (fetch_call_report.ps1:
//     StartTime, SourceDisplayName, RingingDuration, TalkingDuration, …).
//   - 3cx-call-history.csv: the v20 XAPI CallHistoryView saved as CSV
//     (SegmentStartTime, SegmentEndTime, SrcDn, DstCallerNumber, CallTime as
//     ISO 8601, CallAnswered; luxzg/3CX-XAPI_examples fetch_call_history2.ps1
//     and Ringfence's own 3CX connector).
//   - yeastar-month-first.csv: Yeastar P-Series CDR columns (help.yeastar.com,
//     "Call Detail Record (CDR) Overview") with the Time column written month
//     first, as a PBX set to the MM/DD/YYYY date format writes it.
//   - avaya-smdr.csv: Avaya IP Office SMDR (ipofficekb.avaya.com, "SMDR
//     Fields"): 1 Call Start (YYYY/MM/DD HH:MM:SS), 2 Connected Time
//     (HH:MM:SS), 3 Ring Time (seconds), 4 Caller, 5 Direction (I or O),
//     6 Called Number, 7 Dialled Number, 8 Account, 9 Is Internal, 10 Call ID,
//     11 Continuation, 12-15 Party1Device, Party1Name, Party2Device,
//     Party2Name, 16 Hold Time, 17 Park Time, then the authorisation, charge
//     and external-targeting fields, up to 30. No header row.
//   - freeswitch-Master.csv: mod_cdr_csv with its default "example" template
//     (FreeSWITCH conf/vanilla/autoload_configs/cdr_csv.conf.xml; sample rows
//     at developer.signalwire.com, "FreeSWITCH Explained: CDR"):
//     caller_id_name, caller_id_number, destination_number, context,
//     start_stamp, answer_stamp, end_stamp, duration, billsec, hangup_cause,
//     uuid, bleg_uuid, accountcode, read_codec, write_codec. No header row.

func scanFile(t *testing.T, name string) ([]inventory.Call, Stats, []RowError) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "layouts", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var calls []inventory.Call
	st, rows, err := Scan(f, name, Layout{}, func(c inventory.Call) error {
		calls = append(calls, c)
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if st.Calls+st.Rejected != st.Rows {
		t.Errorf("%s: rows %d != calls %d + skipped %d", name, st.Rows, st.Calls, st.Rejected)
	}
	return calls, st, rows
}

func TestVendorLayouts(t *testing.T) {
	t.Parallel()
	type want struct {
		from, to string
		start    time.Time
		talk     time.Duration
		answered bool
		pence    int
	}
	utc := func(y, mo, d, h, mi, s int) time.Time { return time.Date(y, time.Month(mo), d, h, mi, s, 0, time.UTC) }
	cases := []struct {
		file   string
		format Format
		calls  []want
	}{
		{"3cx-cdr-noheader.log", ThreeCX, []want{
			{"214", "0053500000712", at(2026, 3, 5, 1, 33, 0), 47*time.Minute + 30*time.Second, true, 5700},
			{"101", "01614960000", at(2026, 3, 5, 9, 0, 0), 0, false, 0},
			{"01614960123", "100", at(2026, 3, 5, 9, 10, 0), 3*time.Minute + 10*time.Second, true, 0},
		}},
		{"3cx-report-call-log.csv", ThreeCX, []want{
			{"214", "00371678000091", utc(2026, 3, 5, 22, 14, 3), 41*time.Minute + 12*time.Second, true, 1442},
			{"101", "01614960123", utc(2026, 3, 6, 9, 2, 11), 0, false, 0},
			{"101", "0033123456789", utc(2026, 3, 6, 10, 15, 0), time.Hour + 2*time.Minute + 3500*time.Millisecond, true, 210},
			{"+441614960999", "100", utc(2026, 3, 6, 11, 0, 0), 2 * time.Minute, true, 0},
		}},
		{"3cx-call-history.csv", ThreeCX, []want{
			{"214", "00371678000091", utc(2026, 3, 5, 22, 9, 0), 41*time.Minute + 12*time.Second, true, 0},
			{"101", "01614960000", utc(2026, 3, 6, 9, 30, 0), 0, false, 0},
		}},
		{"yeastar-month-first.csv", Yeastar, []want{
			{"214", "00232760000315", at(2026, 3, 5, 23, 58, 0), 2661 * time.Second, true, 0},
			{"01614960999", "100", at(2026, 3, 6, 10, 0, 0), 30 * time.Second, true, 0},
			{"205", "01614960777", at(2026, 3, 13, 19, 30, 0), 390 * time.Second, true, 0},
		}},
		{"avaya-smdr.csv", Avaya, []want{
			{"214", "00371678000091", at(2026, 3, 5, 22, 14, 3), 41*time.Minute + 12*time.Second, true, 0},
			{"01614960123", "4001", at(2026, 3, 6, 9, 2, 11), 2 * time.Minute, true, 0},
			{"withheld", "", at(2026, 3, 6, 9, 5, 0), time.Minute, true, 0},
			{"101", "102", at(2026, 3, 6, 10, 0, 0), 5 * time.Second, true, 0},
		}},
		{"freeswitch-Master.csv", FreeSWITCH, []want{
			{"214", "00371678000091", at(2026, 3, 5, 22, 14, 3), 2472 * time.Second, true, 0},
			{"101", "01614960123", at(2026, 3, 6, 9, 2, 11), 0, false, 0},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			calls, st, rows := scanFile(t, tc.file)
			if st.Format != tc.format || len(rows) != 0 || len(calls) != len(tc.calls) {
				t.Fatalf("format %q, %d calls, skipped %+v; want %q and %d calls", st.Format, len(calls), rows, tc.format, len(tc.calls))
			}
			for i, w := range tc.calls {
				c := calls[i]
				if c.From != w.from || c.To != w.to || !c.Start.Equal(w.start) || c.Duration != w.talk || c.Answered != w.answered || c.CostPence != w.pence {
					t.Errorf("call %d = %+v\nwant %+v", i+1, c, w)
				}
			}
		})
	}
}

// TestDateOrderIsDecidedForTheWholeFile: rows whose dates read either way
// ("03/05/2026") follow the order a later row proves ("03/13/2026" can only be
// 13 March), not a guess made row by row.
func TestDateOrderIsDecidedForTheWholeFile(t *testing.T) {
	t.Parallel()
	calls, st, _ := scanFile(t, "yeastar-month-first.csv")
	if st.DateOrder != "month first" || st.DateOrderAssumed {
		t.Errorf("date order %q (assumed %v), want month first, proven", st.DateOrder, st.DateOrderAssumed)
	}
	if len(calls) > 0 && calls[0].Start.Month() != time.March {
		t.Errorf("first call read as %v, want 5 March", calls[0].Start)
	}

	head := "Time,Call From,Call To,Talk Duration\n"
	ambiguous := head + "03/05/2026 10:00:00,101,01614960000,60\n04/05/2026 10:00:00,101,01614960000,60\n"
	calls, st, rows, err := collect(t, ambiguous, Layout{})
	if err != nil || len(rows) != 0 || len(calls) != 2 {
		t.Fatalf("ambiguous file: %v %+v %d calls", err, rows, len(calls))
	}
	if st.DateOrder != "day first" || !st.DateOrderAssumed || !calls[0].Start.Equal(at(2026, 5, 3, 10, 0, 0)) {
		t.Errorf("ambiguous file: order %q assumed %v, first call %v; want day first, assumed, 3 May", st.DateOrder, st.DateOrderAssumed, calls[0].Start)
	}

	mixed := head + "03/05/2026 10:00:00,101,01614960000,60\n03/14/2026 10:00:00,101,01614960000,60\n25/03/2026 10:00:00,101,01614960000,60\n"
	calls, st, rows, err = collect(t, mixed, Layout{})
	if err != nil || len(calls) != 2 || len(rows) != 1 || rows[0].Line != 4 || !strings.Contains(rows[0].Reason, "month first") {
		t.Errorf("mixed file: %v, %d calls, skipped %+v; want line 4 refused as not month first", err, len(calls), rows)
	}
}

// TestHeaderlessDetectionIsStable: the first rows of the other layouts are not
// taken for one another.
func TestHeaderlessDetectionIsStable(t *testing.T) {
	t.Parallel()
	first := map[string]Format{masterCSV: Asterisk}
	for _, f := range []struct {
		file   string
		format Format
	}{{"3cx-cdr-noheader.log", ThreeCX}, {"avaya-smdr.csv", Avaya}, {"freeswitch-Master.csv", FreeSWITCH}} {
		b, err := os.ReadFile(filepath.Join("testdata", "layouts", f.file))
		if err != nil {
			t.Fatal(err)
		}
		first[string(b)] = f.format
	}
	for body, want := range first {
		_, st, _, err := collect(t, body, Layout{})
		if err != nil || st.Format != want {
			t.Errorf("%q… read as %q (%v), want %q", clip(body), st.Format, err, want)
		}
	}
}
