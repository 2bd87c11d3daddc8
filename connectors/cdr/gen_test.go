package cdr

import (
	"io"
	"math/rand/v2"
	"strconv"
	"time"
)

// masterGen writes an endless, ordinary Master.csv on the fly, oldest call
// first, so that tests can stream gigabytes without touching the disk. Calls
// come from 50 extensions during weekday office hours to a pool of 20,000 UK
// numbers and a few French ones.
type masterGen struct {
	r       *rand.Rand
	now     time.Time
	rows    int
	limit   int   // rows to write at least
	bytes   int64 // bytes to write at least
	written int64
	buf     []byte
	off     int
}

func newMasterGen(rows int, bytes int64) *masterGen {
	return &masterGen{r: rand.New(rand.NewPCG(42, 7)), now: time.Date(2020, 1, 6, 9, 0, 0, 0, time.UTC), limit: rows, bytes: bytes}
}

func (g *masterGen) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if g.off == len(g.buf) {
			if (g.limit == 0 || g.rows >= g.limit) && (g.bytes == 0 || g.written >= g.bytes) {
				break
			}
			g.buf = g.row(g.buf[:0])
			g.off = 0
			g.rows++
			g.written += int64(len(g.buf))
		}
		c := copy(p[n:], g.buf[g.off:])
		g.off += c
		n += c
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

func (g *masterGen) row(b []byte) []byte {
	g.now = g.now.Add(time.Duration(1+g.r.IntN(20)) * time.Second)
	if h := g.now.Hour(); h >= 17 {
		g.now = time.Date(g.now.Year(), g.now.Month(), g.now.Day()+1, 9, 0, 0, 0, time.UTC)
	}
	for wd := g.now.Weekday(); wd == time.Saturday || wd == time.Sunday; wd = g.now.Weekday() {
		g.now = g.now.AddDate(0, 0, 1)
	}
	ext := strconv.Itoa(200 + g.r.IntN(50))
	var to []byte
	if g.r.IntN(50) == 0 {
		to = strconv.AppendInt(append(to, "00331"...), int64(10000000+g.r.IntN(89999999)), 10)
	} else {
		to = strconv.AppendInt(append(to, "016149"...), int64(60000+g.r.IntN(20000)), 10)
	}
	talk := 5 + g.r.IntN(400)
	status := "ANSWERED"
	if g.r.IntN(5) == 0 {
		talk, status = 0, "NO ANSWER"
	}
	b = append(b, `"","`...)
	b = append(b, ext...)
	b = append(b, `","`...)
	b = append(b, to...)
	b = append(b, `","from-internal","""Staff `...)
	b = append(b, ext...)
	b = append(b, `"" <`...)
	b = append(b, ext...)
	b = append(b, `>","PJSIP/`...)
	b = append(b, ext...)
	b = append(b, `-0000001a","PJSIP/trunk-0000001b","Dial","PJSIP/`...)
	b = append(b, to...)
	b = append(b, `@trunk,300,T","`...)
	b = appendStamp(b, g.now)
	b = append(b, `","`...)
	b = appendStamp(b, g.now.Add(5*time.Second))
	b = append(b, `","`...)
	b = appendStamp(b, g.now.Add(time.Duration(5+talk)*time.Second))
	b = append(b, `",`...)
	b = strconv.AppendInt(b, int64(talk+5), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(talk), 10)
	b = append(b, `,"`...)
	b = append(b, status...)
	b = append(b, `","DOCUMENTATION","`...)
	b = strconv.AppendInt(b, g.now.Unix(), 10)
	b = append(b, `.26",""`+"\n"...)
	return b
}

func appendStamp(b []byte, t time.Time) []byte {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, '-', byte('0'+int(mo)/10), byte('0'+int(mo)%10), '-', byte('0'+d/10), byte('0'+d%10), ' ',
		byte('0'+h/10), byte('0'+h%10), ':', byte('0'+mi/10), byte('0'+mi%10), ':', byte('0'+s/10), byte('0'+s%10))
	return b
}
