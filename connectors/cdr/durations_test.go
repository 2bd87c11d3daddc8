package cdr

import (
	"strings"
	"testing"
	"time"
)

// TestImpossibleDurationsAreRefused feeds talk times no phone system writes for
// a real call. Each must be skipped with its line and a reason, never turned
// into negative or absurd minutes.
func TestImpossibleDurationsAreRefused(t *testing.T) {
	t.Parallel()
	body := "calldate,src,dst,billsec,disposition\n" +
		"2026-03-05 10:00:00,101,01614960000,60,ANSWERED\n" +
		"2026-03-05 10:01:00,101,01614960000,NaN,ANSWERED\n" +
		"2026-03-05 10:02:00,101,01614960000,Inf,ANSWERED\n" +
		"2026-03-05 10:03:00,101,01614960000,-5,ANSWERED\n" +
		"2026-03-05 10:04:00,101,01614960000,99999999999,ANSWERED\n" +
		"2026-03-05 10:05:00,101,01614960000,90000,ANSWERED\n" +
		"2026-03-05 10:06:00,101,01614960000,1e300,ANSWERED\n" +
		"2026-03-05 10:07:00,101,01614960000,25:00:00,ANSWERED\n" +
		"2026-03-05 10:08:00,101,01614960000,-0:01,ANSWERED\n" +
		"2026-03-05 10:09:00,101,01614960000,PT25H,ANSWERED\n" +
		"2026-03-05 10:10:00,101,01614960000,86400,ANSWERED\n"
	calls, st, rows, err := collect(t, body, Layout{})
	if err != nil {
		t.Fatal(err)
	}
	wantLines := []int{3, 4, 5, 6, 7, 8, 9, 10, 11}
	if len(rows) != len(wantLines) || st.Rejected != len(wantLines) {
		t.Fatalf("rejected %d rows %+v, want lines %v", st.Rejected, rows, wantLines)
	}
	for i, re := range rows {
		if re.Line != wantLines[i] || !strings.Contains(re.Reason, "duration") {
			t.Errorf("row error %+v, want line %d naming the duration", re, wantLines[i])
		}
	}
	for _, c := range calls {
		if c.Duration < 0 || c.Duration > maxTalk {
			t.Errorf("call kept with duration %v", c.Duration)
		}
	}
	if len(calls) != 2 || calls[1].Duration != 24*time.Hour {
		t.Errorf("calls %+v, want the 60 s call and the one of exactly a day", calls)
	}
}

// TestAnsweredAndEndTimesCannotMakeAnAbsurdCall covers the 3CX CDR, where talk
// time is worked out from two timestamps.
func TestAnsweredAndEndTimesCannotMakeAnAbsurdCall(t *testing.T) {
	t.Parallel()
	body := "historyid,callid,duration,time-start,time-answered,time-end,reason-terminated,from-no,to-no,from-dn,to-dn,dial-no\n" +
		"1,a,,2026-03-05 01:33:00,2026-03-05 01:33:06,2026-03-09 02:20:36,TerminatedBySrc,214,0053500000712,214,10000,0053500000712\n"
	_, st, rows, err := collect(t, body, Layout{})
	if err == nil || st.Rejected != 1 || len(rows) != 1 || rows[0].Line != 2 {
		t.Fatalf("err %v, stats %+v, rows %+v: a four-day call should be refused on line 2", err, st, rows)
	}
}

// FuzzParseDuration: whatever the text, a duration that is accepted lies
// between zero and the cap.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"60", "1:05", "00:47:36", "PT7M31S", "PT1H2M3.5S", "NaN", "-1", "1e9", "99999999999", "P1D"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, why := parseDuration(s)
		if why == "" && (d < 0 || d > maxTalk) {
			t.Fatalf("parseDuration(%q) = %v accepted", s, d)
		}
	})
}
