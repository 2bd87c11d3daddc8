package sitestore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist/breach"
)

func TestIncidentRoundTripNewestFirst(t *testing.T) {
	t.Parallel()
	s := storeWithSite(t, "Acme")
	var made []string
	for k := range 3 {
		inc := &breach.Incident{Opened: testNow.Add(time.Duration(k) * time.Hour)}
		if err := s.CreateIncident(" acme ", inc); err != nil {
			t.Fatal(err)
		}
		made = append(made, inc.ID)
	}
	all, err := s.Incidents("Acme")
	if err != nil || len(all) != 3 {
		t.Fatalf("Incidents = %d, %v", len(all), err)
	}
	for i, inc := range all {
		if inc.ID != made[2-i] || inc.Schema != breach.IncidentSchema {
			t.Errorf("incident %d is %s (schema %d), want %s newest first", i, inc.ID, inc.Schema, made[2-i])
		}
	}
	info, err := os.Stat(s.incidentFile("Acme", made[0]))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("incident file mode %v, %v; want 0600", info.Mode(), err)
	}
	got, err := s.UpdateIncident("Acme", made[0], func(i *breach.Incident) error {
		i.Log = append(i.Log, breach.LogLine{At: testNow, Text: "provider called"})
		return nil
	})
	if err != nil || len(got.Log) != 1 {
		t.Fatalf("UpdateIncident = %+v, %v", got, err)
	}
	back, err := s.LoadIncident("Acme", made[0])
	if err != nil || len(back.Log) != 1 || back.Log[0].Text != "provider called" {
		t.Fatalf("LoadIncident = %+v, %v", back, err)
	}
}

func TestIncidentsOpenedInTheSameSecondAreBothKept(t *testing.T) {
	t.Parallel()
	s := storeWithSite(t, "Acme")
	var wg sync.WaitGroup
	ids := make([]string, 8)
	for k := range ids {
		wg.Go(func() {
			inc := &breach.Incident{Opened: testNow.Add(300 * time.Millisecond)}
			if err := s.CreateIncident("Acme", inc); err != nil {
				t.Error(err)
			}
			ids[k] = inc.ID
		})
	}
	wg.Wait()
	all, err := s.Incidents("Acme")
	if err != nil || len(all) != len(ids) {
		t.Fatalf("%d incidents saved of %d (%v)", len(all), len(ids), err)
	}
}

func TestIncidentUpdateRefusesToRemoveOrMove(t *testing.T) {
	t.Parallel()
	s := storeWithSite(t, "Acme")
	inc := &breach.Incident{Opened: testNow, Entries: []breach.Entry{{At: testNow, Step: "now", Action: "bar-calls", Outcome: breach.Done}}}
	if err := s.CreateIncident("Acme", inc); err != nil {
		t.Fatal(err)
	}
	for name, change := range map[string]func(*breach.Incident) error{
		"drop entries": func(i *breach.Incident) error { i.Entries = nil; return nil },
		"move site":    func(i *breach.Incident) error { i.Site = "Other"; return nil },
		"change ID":    func(i *breach.Incident) error { i.ID = "2020-01-01T00-00-00Z"; return nil },
		"refused": func(i *breach.Incident) error {
			i.Log = append(i.Log, breach.LogLine{Text: "x"})
			return errors.New("no")
		},
	} {
		if _, err := s.UpdateIncident("Acme", inc.ID, change); err == nil {
			t.Errorf("%s: the change was saved", name)
		}
	}
	back, _ := s.LoadIncident("Acme", inc.ID)
	if len(back.Entries) != 1 || len(back.Log) != 0 || back.Site != "Acme" {
		t.Fatalf("a refused change reached the file: %+v", back)
	}
}

func TestIncidentRefusesDamagedFiles(t *testing.T) {
	t.Parallel()
	for _, tc := range damagedFiles {
		t.Run(tc.name, func(t *testing.T) {
			s := storeWithSite(t, "Acme")
			id := breach.NewID(testNow)
			path := s.incidentFile("Acme", id)
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := s.LoadIncident("Acme", id)
			checkRefusal(t, "LoadIncident", path, err, tc.newer)
			_, err = s.Incidents("Acme")
			checkRefusal(t, "Incidents", path, err, tc.newer)
			_, err = s.UpdateIncident("Acme", id, func(i *breach.Incident) error { return nil })
			checkRefusal(t, "UpdateIncident", path, err, tc.newer)
			checkUntouched(t, "UpdateIncident", path, tc.content)
		})
	}
}

func TestIncidentFileHoldingAnotherIncidentIsRefused(t *testing.T) {
	t.Parallel()
	s := storeWithSite(t, "Acme")
	inc := &breach.Incident{Opened: testNow}
	if err := s.CreateIncident("Acme", inc); err != nil {
		t.Fatal(err)
	}
	other := breach.NewID(testNow.Add(time.Hour))
	data, _ := os.ReadFile(s.incidentFile("Acme", inc.ID))
	if err := os.WriteFile(s.incidentFile("Acme", other), data, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := s.LoadIncident("Acme", other)
	checkRefusal(t, "copied file", s.incidentFile("Acme", other), err, false)
}

func TestIncidentIDsCannotLeaveTheFolder(t *testing.T) {
	t.Parallel()
	s := storeWithSite(t, "Acme")
	for _, id := range []string{"../../site", "../audits/x", "", "2026-11-22T10-00-00Z/../../x", "\x1b[31mred"} {
		_, err := s.LoadIncident("Acme", id)
		if err == nil || strings.Contains(err.Error(), "\x1b") {
			t.Errorf("LoadIncident(%q) = %v", id, err)
		}
		if _, err := s.UpdateIncident("Acme", id, func(*breach.Incident) error { return nil }); err == nil {
			t.Errorf("UpdateIncident(%q) worked", id)
		}
	}
	_, err := s.LoadIncident("Acme", breach.NewID(testNow))
	if !errors.Is(err, ErrNoIncident) {
		t.Errorf("a missing incident gave %v", err)
	}
}

// Goroutines recording at once each re-read the file under the lock, so
// every entry lands.
func TestIncidentConcurrentUpdatesLoseNothing(t *testing.T) {
	t.Parallel()
	s := storeWithSite(t, "Acme")
	inc := &breach.Incident{Opened: testNow}
	if err := s.CreateIncident("Acme", inc); err != nil {
		t.Fatal(err)
	}
	const writers, each = 6, 15
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for k := range each {
				_, err := s.UpdateIncident("Acme", inc.ID, func(i *breach.Incident) error {
					i.Log = append(i.Log, breach.LogLine{At: testNow, Text: fmt.Sprintf("w%d-%d", w, k)})
					return nil
				})
				if err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	back, err := s.LoadIncident("Acme", inc.ID)
	if err != nil || len(back.Log) != writers*each {
		t.Fatalf("%d notes saved of %d (%v)", len(back.Log), writers*each, err)
	}
}

func TestOpenIncidentAtOnceSharesOne(t *testing.T) {
	t.Parallel()
	s := storeWithSite(t, "Acme")
	var wg sync.WaitGroup
	ids := make([]string, 8)
	for k := range ids {
		wg.Go(func() {
			inc, _, err := s.OpenIncident("Acme", func() *breach.Incident { return &breach.Incident{Site: "Acme", Opened: testNow} })
			if err != nil {
				t.Error(err)
				return
			}
			ids[k] = inc.ID
		})
	}
	wg.Wait()
	all, err := s.Incidents("Acme")
	if err != nil || len(all) != 1 {
		t.Fatalf("%d incidents after opening at once (%v), want 1", len(all), err)
	}
	for _, id := range ids {
		if id != all[0].ID {
			t.Errorf("an opener got %s, not the shared %s", id, all[0].ID)
		}
	}
}

// A renamed site keeps its incidents, under its new name, whether the
// folder changes or only the spelling does.
func TestRenameSiteKeepsIncidents(t *testing.T) {
	t.Parallel()
	for _, newName := range []string{"Acme Holdings", "ACME"} {
		s := storeWithSite(t, "Acme")
		inc := &breach.Incident{Opened: testNow, Log: []breach.LogLine{{At: testNow, Text: "bill shows calls to Latvia"}}}
		if err := s.CreateIncident("Acme", inc); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RenameSite("Acme", newName); err != nil {
			t.Fatal(err)
		}
		all, err := s.Incidents(newName)
		if err != nil || len(all) != 1 || len(all[0].Log) != 1 || all[0].Site != newName {
			t.Fatalf("after renaming to %s: %d incidents (%v)", newName, len(all), err)
		}
		if _, err := s.UpdateIncident(newName, inc.ID, func(i *breach.Incident) error { i.Log = append(i.Log, breach.LogLine{Text: "more"}); return nil }); err != nil {
			t.Fatalf("after renaming to %s the incident cannot be changed: %v", newName, err)
		}
	}
}

// An incident file far larger than any Ringfence writes is refused by its
// size, named, and left as it is, like an audit.
func TestIncidentTooLargeIsRefused(t *testing.T) {
	t.Parallel()
	s := storeWithSite(t, "Acme")
	inc := &breach.Incident{Opened: testNow}
	if err := s.CreateIncident("Acme", inc); err != nil {
		t.Fatal(err)
	}
	path := s.incidentFile("Acme", inc.ID)
	if err := os.Truncate(path, MaxSavedFile+1); err != nil {
		t.Fatal(err)
	}
	_, err := s.UpdateIncident("Acme", inc.ID, func(i *breach.Incident) error { return nil })
	var big *TooLargeError
	if !errors.As(err, &big) || !strings.Contains(err.Error(), path) {
		t.Fatalf("got %v, want a refusal naming %s", err, path)
	}
	if info, _ := os.Stat(path); info.Size() != MaxSavedFile+1 {
		t.Error("the oversized file was changed")
	}
}
