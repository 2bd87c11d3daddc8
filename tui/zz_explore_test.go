package tui

import (
	"os"
	"path/filepath"
	"testing"
)

func TestZZExplore(t *testing.T) {
	h := newHarness(t, true, 80, 24)
	h.press("l")
	t.Log("\n" + h.screen())
	h.press("pgdown")
	t.Log("\n" + h.screen())
	dir := t.TempDir()
	p := filepath.Join(dir, "staff.csv")
	os.WriteFile(p, []byte("Name,Email,Status,Leave date\nThomas Fletcher,,Active,\nDeclan O'Brien,,Leaver,30/10/2026\nBad Row,not-an-email,Active,\nJo Whitaker,jo.whitaker@brightwater.example.co.uk,Active,\nM Bell,,Active,\n"), 0o600)
	h.press("i")
	t.Log("\n" + h.screen())
	h.typeText(p)
	h.press("enter")
	t.Log("\n" + h.screen())
	h.press("tab")
	t.Log("\n" + h.screen())
	h.press("y")
	t.Log("\n" + h.screen())
	h.press("esc", "f")
	t.Log("\n" + h.screen())
	c := filepath.Join(dir, "calls.csv")
	os.WriteFile(c, []byte("calldate,src,dst,billsec,disposition\n2026-11-18 02:14:03,214,00371678000091,2472,ANSWERED\n2026-11-18 03:14:03,214,00371678000092,2472,ANSWERED\nnope,1,2,3,ANSWERED\n2026-11-19 10:00:00,101,01614960123,60,ANSWERED\n"), 0o600)
	h.typeText(c)
	h.press("enter")
	t.Log("\n" + h.screen())
	h2 := newHarness(t, true, 120, 40)
	h2.press("r", "l")
	t.Log("\n" + h2.screen())
}
