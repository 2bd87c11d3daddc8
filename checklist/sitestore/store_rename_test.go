package sitestore

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
)

func TestRenameSiteKeepsSettingsAndAudits(t *testing.T) {
	s := storeWithSite(t, "Acme")
	started := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	if err := putAudit(s, storeAudit("Acme", started)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateSite("Acme", func(site *checklist.Site) error { site.Hours = "Mon-Fri 08:00-18:00"; return nil }); err != nil {
		t.Fatal(err)
	}
	site, err := s.RenameSite("Acme", "Acme Holdings")
	if err != nil {
		t.Fatal(err)
	}
	if site.Name != "Acme Holdings" || site.Hours != "Mon-Fri 08:00-18:00" {
		t.Errorf("renamed site: %+v", site)
	}
	a, err := s.LatestAudit("Acme Holdings")
	if err != nil || a == nil || a.Site != "Acme Holdings" || !a.Started.Equal(started) || a.Answers["PIN-04"].Value != "yes" {
		t.Fatalf("the audit should move with the site: %+v, %v", a, err)
	}
	if _, err := s.Site("Acme"); !errors.Is(err, ErrNoSite) {
		t.Errorf("the old name should be gone: %v", err)
	}
	if _, err := os.Stat(s.siteDir("Acme")); !os.IsNotExist(err) {
		t.Errorf("the old folder is still there: %v", err)
	}
	// Only the spelling changes: same folder, new name.
	if site, err := s.RenameSite("Acme Holdings", "ACME Holdings"); err != nil || site.Name != "ACME Holdings" {
		t.Errorf("case-only rename: %+v, %v", site, err)
	}
}

func TestRenameSiteRefusesATakenName(t *testing.T) {
	s := storeWithSite(t, "Acme")
	if err := s.CreateSite(checklist.Site{Name: "Bravo Ltd"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Bravo Ltd", "bravo ltd", "BRAVO-LTD"} {
		if _, err := s.RenameSite("Acme", name); !errors.Is(err, ErrSiteExists) {
			t.Errorf("rename to %q: %v, want ErrSiteExists", name, err)
		}
	}
	if b, err := s.Site("Bravo Ltd"); err != nil || b.Name != "Bravo Ltd" {
		t.Errorf("the other site must be untouched: %+v, %v", b, err)
	}
	if _, err := s.Site("Acme"); err != nil {
		t.Errorf("the refused site must be untouched: %v", err)
	}
}

func TestRenameAndDeleteRefuseAnOpenSite(t *testing.T) {
	s := storeWithSite(t, "Acme")
	claim, err := s.Claim("Acme")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RenameSite("Acme", "Zeta"); !errors.Is(err, ErrSiteLocked) {
		t.Errorf("rename while open elsewhere: %v, want ErrSiteLocked", err)
	}
	if err := s.DeleteSite("Acme"); !errors.Is(err, ErrSiteLocked) {
		t.Errorf("delete while open elsewhere: %v, want ErrSiteLocked", err)
	}
	claim.Release()
	if _, err := s.Site("Acme"); err != nil {
		t.Fatalf("the refused site must be untouched: %v", err)
	}
	if err := s.DeleteSite("Acme"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Site("Acme"); !errors.Is(err, ErrNoSite) {
		t.Errorf("after delete: %v", err)
	}
	if err := s.DeleteSite("Acme"); !errors.Is(err, ErrNoSite) {
		t.Errorf("deleting twice: %v", err)
	}
}
