package cdr

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
)

func collect(t *testing.T, body string, layout Layout) ([]inventory.Call, Stats, []RowError, error) {
	t.Helper()
	var calls []inventory.Call
	st, rows, err := Scan(strings.NewReader(body), "calls.csv", layout, func(c inventory.Call) error {
		calls = append(calls, c)
		return nil
	})
	return calls, st, rows, err
}

var ukZone = london()

func at(y, mo, d, h, mi, s int) time.Time {
	return time.Date(y, time.Month(mo), d, h, mi, s, 0, ukZone)
}

// masterCSV follows Asterisk's cdr_csv.c build_csv_record (asterisk/asterisk,
// cdr/cdr_csv.c): accountcode, src, dst, dcontext, clid, channel, dstchannel,
// lastapp, lastdata, start, answer, end, duration, billsec, disposition,
// amaflags, and uniqueid and userfield when loguniqueid/loguserfield are on.
// Every field is quoted except duration and billsec, which append_int writes
// bare; empty answer times are written as an empty field.
const masterCSV = `"","214","00371678000091","from-internal","""Declan"" <214>","PJSIP/214-0000001a","PJSIP/trunk-0000001b","Dial","PJSIP/00371678000091@trunk,300,T","2026-03-05 22:14:03","2026-03-05 22:14:09","2026-03-05 22:55:21",2478,2472,"ANSWERED","DOCUMENTATION","1772748843.26",""
"","101","01614960123","from-internal","""Jo Whitaker"" <101>","PJSIP/101-0000001c","PJSIP/trunk-0000001d","Dial","PJSIP/01614960123@trunk,300,T","2026-03-06 09:02:11",,"2026-03-06 09:02:40",29,0,"NO ANSWER","DOCUMENTATION","1772787731.28",""
`

func TestAsteriskMasterCSV(t *testing.T) {
	t.Parallel()
	calls, st, rows, err := collect(t, masterCSV, Layout{})
	if err != nil || len(rows) != 0 {
		t.Fatalf("Scan: %v %v", err, rows)
	}
	if st.Format != Asterisk || st.Rows != 2 || st.Calls != 2 {
		t.Errorf("stats = %+v", st)
	}
	want := inventory.Call{Start: at(2026, 3, 5, 22, 14, 3), From: "214", To: "00371678000091", Duration: 2472 * time.Second, Answered: true}
	if !calls[0].Start.Equal(want.Start) || calls[0].From != want.From || calls[0].To != want.To || calls[0].Duration != want.Duration || !calls[0].Answered {
		t.Errorf("first call = %+v, want %+v", calls[0], want)
	}
	if calls[1].Answered || calls[1].Duration != 0 {
		t.Errorf("unanswered call = %+v", calls[1])
	}
}

// freepbxReport has the column names of the cdr table that FreePBX's CDR
// Reports module exports (calldate, clid, src, dst, dcontext, channel,
// dstchannel, lastapp, lastdata, duration, billsec, disposition, amaflags,
// accountcode, uniqueid, userfield, did, recordingfile, cnum, cnam, …), as
// listed for the asteriskcdrdb cdr table in public FreePBX integrations.
const freepbxReport = "calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield,did,recordingfile,cnum,cnam\n" +
	`2026-03-05 02:06:00,"""Declan"" <214>",214,00252618000240,from-internal,PJSIP/214-00000020,PJSIP/trunk-00000021,Dial,"PJSIP/00252618000240@trunk",3166,3160,ANSWERED,3,,1772676360.32,,,,214,Declan` + "\n"

func TestFreePBXReport(t *testing.T) {
	t.Parallel()
	calls, st, rows, err := collect(t, freepbxReport, Layout{})
	if err != nil || len(rows) != 0 || st.Format != FreePBX || len(calls) != 1 {
		t.Fatalf("Scan: %v %v %+v", err, rows, st)
	}
	if c := calls[0]; c.From != "214" || c.To != "00252618000240" || c.Duration != 3160*time.Second || !c.Start.Equal(at(2026, 3, 5, 2, 6, 0)) {
		t.Errorf("call = %+v", c)
	}
}

// yeastarExport has the CDR columns Yeastar documents for the P-Series (help.yeastar.com,
// "Call Detail Record (CDR) Overview": ID, Time, Call From, Call To, Call Duration, Ring
// Duration, Talk Duration, Status, Reason, Source Trunk, Destination Trunk, Communication
// Type, DID/DDI, Outbound Caller ID, Caller IP Address, PIN Code, Recording File). The
// "Name<number>" caller form follows the web portal's display.
const yeastarExport = "\xEF\xBB\xBFID,Time,Call From,Call To,Call Duration(s),Ring Duration(s),Talk Duration(s),Status,Reason,Source Trunk,Destination Trunk,Communication Type,DID/DDI,Outbound Caller ID,Caller IP Address,PIN Code,Recording File\n" +
	"1001,2026-03-05 23:58:00,Declan<214>,00232760000315,2670,9,2661,ANSWERED,,,SIP Trunk,Outbound,,01614960000,192.168.0.14,,\n" +
	"1002,2026-03-06 10:00:00,01614960999,Reception<100>,40,10,30,ANSWERED,,SIP Trunk,,Inbound,01614960000,,,,\n"

func TestYeastarExport(t *testing.T) {
	t.Parallel()
	calls, st, rows, err := collect(t, yeastarExport, Layout{})
	if err != nil || len(rows) != 0 || st.Format != Yeastar || len(calls) != 2 {
		t.Fatalf("Scan: %v %v %+v", err, rows, st)
	}
	if c := calls[0]; c.From != "214" || c.To != "00232760000315" || c.Duration != 2661*time.Second || !c.Answered {
		t.Errorf("call = %+v", c)
	}
	if c := calls[1]; c.From != "01614960999" || c.To != "100" {
		t.Errorf("incoming call = %+v", c)
	}
}

// threeCXCDR uses the 3CX CDR field names (3CX, "CDR - Call Data Records":
// historyid, callid, duration, time-start, time-answered, time-end,
// reason-terminated, from-no, to-no, from-dn, to-dn, dial-no, …, bill-cost,
// bill-name, …) written as a header row.
const threeCXCDR = "historyid,callid,duration,time-start,time-answered,time-end,reason-terminated,from-no,to-no,from-dn,to-dn,dial-no,reason-changed,final-number,final-dn,bill-code,bill-rate,bill-cost,bill-name,chain,from-type,to-type,final-type,from-dispname,to-dispname,final-dispname\n" +
	"55,00000C1E2F3A4B5C_12,00:47:36,2026-03-05 01:33:00,2026-03-05 01:33:06,2026-03-05 02:20:36,TerminatedBySrc,214,0053500000712,214,10000,0053500000712,,0053500000712,10000,,0.12,57.00,Cuba Mobile,Chain: 214;10000,Extension,Line,Line,Declan,,\n" +
	"56,00000C1E2F3A4B5C_13,00:00:20,2026-03-05 09:00:00,,2026-03-05 09:00:20,TerminatedBySrc,101,01614960000,101,10000,01614960000,,01614960000,10000,,0.01,0.00,UK,Chain: 101;10000,Extension,Line,Line,Jo,,\n"

func TestThreeCXCDR(t *testing.T) {
	t.Parallel()
	calls, st, rows, err := collect(t, threeCXCDR, Layout{Format: ThreeCX})
	if err != nil || len(rows) != 0 || st.Format != ThreeCX || len(calls) != 2 {
		t.Fatalf("Scan: %v %v %+v", err, rows, st)
	}
	c := calls[0]
	if c.From != "214" || c.To != "0053500000712" || c.Duration != 47*time.Minute+30*time.Second || c.CostPence != 5700 || c.Destination != "Cuba Mobile" {
		t.Errorf("call = %+v", c)
	}
	if calls[1].Duration != 0 || calls[1].Answered {
		t.Errorf("unanswered 3CX call = %+v", calls[1])
	}
}

// threeCXLog is the shape of the call log exported from the 3CX web client.
// Ringfence matches its columns by name (Call Time, From, To, Direction,
// Status, Ringing, Talking, Cost), so the order may change between versions.
const threeCXLog = "Call Time;From;To;Direction;Status;Ringing;Talking;Cost;Call Activity Details\n" +
	"05/03/2026 22:09:00;Declan O'Brien (214);00371678000091;Outbound;Answered;00:00:05;00:41:12;14.42;\n"

func TestThreeCXCallLogWithSemicolons(t *testing.T) {
	t.Parallel()
	calls, st, rows, err := collect(t, threeCXLog, Layout{})
	if err != nil || len(rows) != 0 || st.Format != ThreeCX || st.Delimiter != ";" || len(calls) != 1 {
		t.Fatalf("Scan: %v %v %+v", err, rows, st)
	}
	if c := calls[0]; c.From != "214" || !c.Start.Equal(at(2026, 3, 5, 22, 9, 0)) || c.Duration != 41*time.Minute+12*time.Second || c.CostPence != 1442 {
		t.Errorf("call = %+v", c)
	}
}

func TestGenericMapping(t *testing.T) {
	t.Parallel()
	m, err := ParseMapping("date=Day,start=Clock,from=Ext,to=Number,duration=Secs,cost=Charge")
	if err != nil {
		t.Fatal(err)
	}
	body := "Day\tClock\tExt\tNumber\tSecs\tCharge\n05/03/2026\t14:00:00\t205\t09098790123\t600\t£15.00\n"
	calls, st, rows, err := collect(t, body, Layout{Map: &m})
	if err != nil || len(rows) != 0 || st.Format != Generic || len(calls) != 1 {
		t.Fatalf("Scan: %v %v %+v", err, rows, st)
	}
	if c := calls[0]; c.From != "205" || c.To != "09098790123" || c.Duration != 10*time.Minute || c.CostPence != 1500 || !c.Start.Equal(at(2026, 3, 5, 14, 0, 0)) {
		t.Errorf("call = %+v", c)
	}
	noHeader, _ := ParseMapping("noheader,start=1,from=2,to=3,duration=4")
	calls, _, _, err = collect(t, "2026-03-05T14:00:00Z,205,0161496000,00:10:00\n", Layout{Map: &noHeader})
	if err != nil || len(calls) != 1 || calls[0].Duration != 10*time.Minute || !calls[0].Start.Equal(time.Date(2026, 3, 5, 14, 0, 0, 0, time.UTC)) {
		t.Errorf("headerless mapping: %v %+v", err, calls)
	}
}

func TestParseMappingRefusesNonsense(t *testing.T) {
	t.Parallel()
	for _, spec := range []string{"", "start=A,from=B", "start=A,from=B,to=C,colour=D", "start"} {
		if _, err := ParseMapping(spec); err == nil {
			t.Errorf("ParseMapping(%q) accepted", spec)
		}
	}
}

func TestBadRowsAreReportedAndTheRestRead(t *testing.T) {
	t.Parallel()
	body := "calldate,src,dst,billsec,disposition\n" +
		"2026-03-05 10:00:00,101,01614960000,60,ANSWERED\n" +
		"yesterday,101,01614960000,60,ANSWERED\n" +
		"2026-03-05 10:05:00,101\n" +
		"2026-03-05 10:06:00,101,01614960000,sixty,ANSWERED\n" +
		"2026-02-30 10:07:00,101,01614960000,60,ANSWERED\n" +
		"2026-03-05 10:08:00,101,\"0161\"49,60,ANSWERED\n" +
		"\n" +
		"2026-03-05 10:09:00,102,01614960001,1:05,ANSWERED\n"
	calls, st, rows, err := collect(t, body, Layout{})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 2 || st.Calls != 2 || st.Rejected != 5 {
		t.Errorf("calls %d, stats %+v", len(calls), st)
	}
	wantLines := []int{3, 4, 5, 6, 7}
	for i, re := range rows {
		if i >= len(wantLines) || re.Line != wantLines[i] || re.Reason == "" {
			t.Errorf("row error %d = %+v, want line %d", i, re, wantLines[min(i, len(wantLines)-1)])
		}
	}
	if calls[1].Duration != 65*time.Second {
		t.Errorf("hh:mm duration read as %v", calls[1].Duration)
	}
}

func TestWholeFileProblemsAreRefusedClearly(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		body string
		want string
	}{
		"empty":         {"", "is empty"},
		"blank":         {"\n\n  \n", "is empty"},
		"workbook":      {"PK\x03\x04\x14\x00\x06\x00", "Excel"},
		"binary":        {"\x00\x01\x02garbage", "binary"},
		"pdf":           {"%PDF-1.7\n", "PDF"},
		"unknown":       {"name,age\nJo,40\n", "cannot tell which phone system"},
		"all bad":       {"calldate,src,dst,billsec\nnope,1,2,3\nnope,1,2,3\n", "none of its 2 rows"},
		"wrong layout":  {freepbxReport, "you said this is a yeastar export"},
		"generic unmap": {"a,b\n", "needs a column mapping"},
		"no start time": {"Call From,Call To\n101,0161\n", "no column for when each call started"},
	}
	for name, tc := range cases {
		layout := Layout{}
		switch name {
		case "wrong layout":
			layout.Format = Yeastar
		case "generic unmap":
			layout.Format = Generic
		}
		_, _, _, err := collect(t, tc.body, layout)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "calls.csv") && name != "generic unmap" {
			t.Errorf("%s: error = %v, want it to name the file and say %q", name, err, tc.want)
		}
	}
}

func TestCallbackErrorStopsTheScan(t *testing.T) {
	t.Parallel()
	stop := errors.New("stop")
	n := 0
	_, _, err := Scan(strings.NewReader(masterCSV), "calls.csv", Layout{}, func(inventory.Call) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("err %v after %d calls, want stop after 1", err, n)
	}
}

func TestTimestampsUseTheSiteClock(t *testing.T) {
	t.Parallel()
	tp := timeParser{loc: ukZone}
	cases := map[string]time.Time{
		"2026-07-06 08:30:00":       time.Date(2026, 7, 6, 7, 30, 0, 0, time.UTC), // BST
		"2026-01-06 08:30:00":       time.Date(2026, 1, 6, 8, 30, 0, 0, time.UTC),
		"06/07/2026 08:30":          time.Date(2026, 7, 6, 7, 30, 0, 0, time.UTC), // day first
		"2026-07-06T08:30:00+02:00": time.Date(2026, 7, 6, 6, 30, 0, 0, time.UTC),
		"1783326600":                time.Unix(1783326600, 0),
	}
	for in, want := range cases {
		got, err := tp.parse(in)
		if err != nil || !got.Equal(want) {
			t.Errorf("parse(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"2026-13-01 00:00:00", "2026-04-31 10:00:00", "12/25/2026 10:00", "soon"} {
		if _, err := tp.parse(bad); err == nil {
			t.Errorf("parse(%q) accepted", bad)
		}
	}
}

func TestExtensionOf(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"Jo <101>": "101", "Jo Whitaker (101)": "101", "Sales (North)": "Sales (North)", " 214 ": "214", "Ext.305": "305"} {
		if got := extensionOf(in); got != want {
			t.Errorf("extensionOf(%q) = %q, want %q", in, got, want)
		}
	}
}
