package sitestore

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ringfence/ringfence/checklist"
)

func storeForTest(t *testing.T) *Store {
	t.Helper()
	s, err := OpenStore(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func storeWithSite(t *testing.T, name string) *Store {
	t.Helper()
	s := storeForTest(t)
	if err := s.CreateSite(checklist.Site{Name: name}); err != nil {
		t.Fatal(err)
	}
	return s
}

func storeAudit(site string, started time.Time) *checklist.Audit {
	return &checklist.Audit{
		Schema:  checklist.AuditSchema,
		Site:    site,
		Auditor: "Sam Patel",
		Started: started,
		Updated: started.Add(time.Hour),
		Answers: checklist.Answers{"PIN-04": {Value: "yes", At: started}},
		Results: []checklist.Result{
			{CheckID: "PIN-01", Domain: checklist.DomainPINs, Title: "PINs differ from extensions", Status: checklist.StatusFail, Severity: checklist.High, Basis: checklist.FromInventory},
			{CheckID: "LEAV-01", Domain: checklist.DomainLeavers, Title: "Leavers removed", Status: checklist.StatusPass, Severity: checklist.Medium, Basis: checklist.FromAnswer},
		},
		Plan: []checklist.Action{
			{Rank: 1, CheckID: "PIN-01", Action: "Change PINs", Severity: checklist.High},
			{Rank: 2, CheckID: "MFA-01", Action: "Turn on MFA", Severity: checklist.High, Done: true},
			{Rank: 3, CheckID: "FW-01", Action: "Update phones", Severity: checklist.Low},
		},
		History: []checklist.Event{{At: started, What: "audit started"}},
	}
}

// putAudit saves an audit as it stands, under the site's lock, the way
// StartAudit saves the audit it is given.
func putAudit(s *Store, a *checklist.Audit) error {
	if err := s.requireSite(a.Site); err != nil {
		return err
	}
	return s.withSaveLock(a.Site, func() error { return s.saveAudit(a) })
}

func storeJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestStoreRoundTrip(t *testing.T) {
	t.Parallel()
	s := storeForTest(t)
	created := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	site := checklist.Site{
		Name:    "Zoë's Café",
		Contact: "Zoë, 0161 496 0000",
		Created: created,
		Connector: checklist.ConnectorSettings{
			Kind: "3cx", URL: "https://pbx.example.test", ClientID: "ringfence",
			Options: map[string]string{"token_url": "/connect/token"},
		},
		Pins: []checklist.PinnedCert{{Host: "pbx.example.test", SHA256: strings.Repeat("ab", 32), ConfirmedAt: created}},
	}
	if err := s.CreateSite(site); err != nil {
		t.Fatal(err)
	}
	got, err := s.Site("zoë's café")
	if err != nil {
		t.Fatal(err)
	}
	site.Schema = checklist.SiteSchema
	if storeJSON(t, got) != storeJSON(t, site) {
		t.Errorf("site came back as %s, want %s", storeJSON(t, got), storeJSON(t, site))
	}

	first := storeAudit(site.Name, time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC))
	later := storeAudit(site.Name, time.Date(2026, 11, 23, 8, 30, 0, 0, time.UTC))
	for _, a := range []*checklist.Audit{later, first} {
		if err := putAudit(s, a); err != nil {
			t.Fatal(err)
		}
	}
	// Saving the same audit again replaces its file rather than adding one.
	first.History = append(first.History, checklist.Event{At: first.Started, What: "answered PIN-04"})
	if err := putAudit(s, first); err != nil {
		t.Fatal(err)
	}

	refs, err := s.Audits(site.Name)
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) != 2 || !refs[0].Started.Equal(first.Started) || !refs[1].Started.Equal(later.Started) {
		t.Fatalf("Audits = %v, want the two audits oldest first", refs)
	}
	if base := filepath.Base(refs[0].Path); base != "2026-11-22T10-00-00Z.json" {
		t.Errorf("audit file is called %s", base)
	}
	loaded, err := s.LoadAudit(site.Name, refs[0])
	if err != nil {
		t.Fatal(err)
	}
	if storeJSON(t, loaded) != storeJSON(t, first) {
		t.Errorf("audit came back as %s, want %s", storeJSON(t, loaded), storeJSON(t, first))
	}
	latest, err := s.LatestAudit(site.Name)
	if err != nil || latest == nil || !latest.Started.Equal(later.Started) {
		t.Errorf("LatestAudit = %v, %v; want the later audit", latest, err)
	}

	// Changing settings keeps the site's creation date when none is given.
	saved, err := s.UpdateSite(site.Name, func(u *checklist.Site) error {
		u.Created = time.Time{}
		u.Contact = "Front desk"
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err = s.Site(site.Name)
	if err != nil || got.Contact != "Front desk" || !got.Created.Equal(created) || storeJSON(t, got) != storeJSON(t, saved) {
		t.Errorf("after UpdateSite: %+v, %v", got, err)
	}
}

func TestStoreLatestAuditWhenNone(t *testing.T) {
	t.Parallel()
	s := storeWithSite(t, "Acme")
	a, err := s.LatestAudit("Acme")
	if a != nil || err != nil {
		t.Errorf("LatestAudit = %v, %v; want nil, nil", a, err)
	}
}

func TestStorePermissions(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permission bits")
	}
	s := storeWithSite(t, "Acme")
	if err := putAudit(s, storeAudit("Acme", testNow)); err != nil {
		t.Fatal(err)
	}
	claim, err := s.Claim("Acme")
	if err != nil {
		t.Fatal(err)
	}
	defer claim.Release()
	err = filepath.WalkDir(s.Dir(), func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want := os.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s has mode %o, want %o", path, got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// damagedFiles are ways a saved file goes wrong: a crash in another program, a
// bad copy, a hand edit, or a file from a newer Ringfence.
var damagedFiles = []struct {
	name    string
	content string
	newer   bool
}{
	{"empty", "", false},
	{"only spaces", "  \n", false},
	{"truncated", `{"schema": 1, "site": "Acme", "started": "2026-11-22T10:00:00Z", "results": [`, false},
	{"not JSON", "schema=1\n", false},
	{"trailing rubbish", `{"schema": 1} and more`, false},
	{"a list, not an object", `[1, 2, 3]`, false},
	{"no schema", `{"site": "Acme"}`, false},
	{"schema zero", `{"schema": 0, "site": "Acme"}`, false},
	{"schema as text", `{"schema": "1", "site": "Acme"}`, false},
	{"wrong type inside", `{"schema": 1, "name": "Acme", "site": "Acme", "results": "none", "pins": "none"}`, false},
	{"newer version", `{"schema": 99, "name": "Acme", "site": "Acme"}`, true},
}

func checkRefusal(t *testing.T, name, path string, err error, newer bool) {
	t.Helper()
	var corrupt *CorruptFileError
	var newerErr *NewerVersionError
	switch {
	case newer && errors.As(err, &newerErr):
		if newerErr.Path != path || newerErr.Version != 99 {
			t.Errorf("%s: refusal names %s version %d", name, newerErr.Path, newerErr.Version)
		}
	case !newer && errors.As(err, &corrupt):
		if corrupt.Path != path {
			t.Errorf("%s: refusal names %s, want %s", name, corrupt.Path, path)
		}
	default:
		t.Errorf("%s: got %v, want a refusal naming the file", name, err)
		return
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("%s: message %q does not name the file", name, err)
	}
}

func checkUntouched(t *testing.T, name, path, content string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, []byte(content)) {
		t.Errorf("%s: the file was changed (%v)", name, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("%s: a refusal left %s behind", name, e.Name())
		}
	}
}

func TestStoreRefusesDamagedAudit(t *testing.T) {
	t.Parallel()
	for _, tc := range damagedFiles {
		t.Run(tc.name, func(t *testing.T) {
			s := storeWithSite(t, "Acme")
			a := storeAudit("Acme", testNow)
			path := filepath.Join(s.auditsDir("Acme"), auditFileName(a.Started))
			if err := os.WriteFile(path, []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
			refs, err := s.Audits("Acme")
			if err != nil || len(refs) != 1 {
				t.Fatalf("Audits = %v, %v", refs, err)
			}
			_, err = s.LoadAudit("Acme", refs[0])
			checkRefusal(t, "LoadAudit", path, err, tc.newer)
			_, err = s.LatestAudit("Acme")
			checkRefusal(t, "LatestAudit", path, err, tc.newer)
			err = putAudit(s, a)
			checkRefusal(t, "SaveAudit", path, err, tc.newer)
			checkUntouched(t, "SaveAudit", path, tc.content)
		})
	}
}

func TestStoreRefusesDamagedSite(t *testing.T) {
	t.Parallel()
	for _, tc := range damagedFiles {
		t.Run(tc.name, func(t *testing.T) {
			s := storeWithSite(t, "Acme")
			path := s.siteFile("Acme")
			if err := os.WriteFile(path, []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := s.Site("Acme")
			checkRefusal(t, "Site", path, err, tc.newer)
			_, err = s.UpdateSite("Acme", func(u *checklist.Site) error { u.Contact = "new"; return nil })
			checkRefusal(t, "UpdateSite", path, err, tc.newer)
			err = s.CreateSite(checklist.Site{Name: "ACME"})
			checkRefusal(t, "CreateSite", path, err, tc.newer)
			checkUntouched(t, "site", path, tc.content)
			// The audit is separate work and must still be saved.
			if err := putAudit(s, storeAudit("Acme", testNow)); err != nil {
				t.Errorf("saving an audit with a damaged site.json: %v", err)
			}
			if _, err := s.UpdateAudit("Acme", func(a *checklist.Audit) error { a.Auditor = "Sam"; return nil }); err != nil {
				t.Errorf("UpdateAudit with a damaged site.json: %v", err)
			}
		})
	}
}

func TestStoreRefusalMessages(t *testing.T) {
	t.Parallel()
	corrupt := &CorruptFileError{Path: "/d/a.json", Err: errors.New("the file is empty")}
	if got, want := corrupt.Error(), "/d/a.json is damaged, so Ringfence left it as it is: the file is empty. Move it aside or restore it from a backup."; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	newer := &NewerVersionError{Path: "/d/a.json", Version: 3}
	if got, want := newer.Error(), "/d/a.json was saved by a newer version of Ringfence (file version 3). Update Ringfence to open it; the file was not changed."; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestStoreSameSecondAuditIsNotOverwritten(t *testing.T) {
	t.Parallel()
	s := storeWithSite(t, "Acme")
	first := storeAudit("Acme", testNow.Add(100*time.Millisecond))
	if err := putAudit(s, first); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(s.auditsDir("Acme"), auditFileName(first.Started))
	before, _ := os.ReadFile(path)
	if err := putAudit(s, storeAudit("Acme", testNow.Add(700*time.Millisecond))); err == nil {
		t.Error("a second audit started in the same second overwrote the first")
	}
	checkUntouched(t, "same second", path, string(before))
}

func TestStoreSitesListsTheRestWhenOneIsDamaged(t *testing.T) {
	t.Parallel()
	s := storeForTest(t)
	for _, name := range []string{"Bravo", "alpha", "Charlie", "Delta"} {
		if err := s.CreateSite(checklist.Site{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	older := storeAudit("alpha", testNow)
	newer := storeAudit("alpha", testNow.Add(24*time.Hour))
	for _, a := range []*checklist.Audit{older, newer, storeAudit("Charlie", testNow)} {
		if err := putAudit(s, a); err != nil {
			t.Fatal(err)
		}
	}
	// Bravo's settings are damaged; alpha's newest audit is damaged.
	if err := os.WriteFile(s.siteFile("Bravo"), []byte(`{"schema":`), 0o600); err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(s.auditsDir("alpha"), auditFileName(newer.Started))
	if err := os.WriteFile(damaged, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}

	sites, problems := s.Sites()
	var names []string
	for _, x := range sites {
		names = append(names, x.Name)
	}
	if strings.Join(names, ",") != "alpha,Charlie,Delta" {
		t.Fatalf("Sites listed %v, want alpha, Charlie and Delta", names)
	}
	if len(problems) != 2 {
		t.Fatalf("problems = %v, want Bravo's settings and alpha's newest audit", problems)
	}
	for _, p := range problems {
		var corrupt *CorruptFileError
		if !errors.As(p, &corrupt) {
			t.Errorf("problem %v is not a damaged-file error", p)
		}
	}
	alpha := sites[0]
	wantScore := checklist.Score(older.Results).Overall
	if alpha.Audits != 2 || !alpha.LastAudit.Equal(older.Started) || alpha.Score != wantScore || alpha.OpenActions != 2 {
		t.Errorf("alpha = %+v; want 2 audits, last %v, score %d, 2 open actions", alpha, older.Started, wantScore)
	}
	if d := sites[2]; d.Audits != 0 || !d.LastAudit.IsZero() || d.OpenActions != 0 {
		t.Errorf("Delta = %+v; want no audits", d)
	}
}

func TestStoreCreateSiteRefusesTakenNames(t *testing.T) {
	t.Parallel()
	s := storeWithSite(t, "Zoë's Café")
	for _, name := range []string{"Zoë's Café", "ZOË'S CAFÉ", "zoes cafe", "Zoe's-Cafe!", "  zoës café  "} {
		err := s.CreateSite(checklist.Site{Name: name, Contact: "someone else"})
		if !errors.Is(err, ErrSiteExists) {
			t.Errorf("creating a site whose name matches an existing one: got %v", err)
		}
	}
	site, err := s.Site("Zoë's Café")
	if err != nil || site.Contact != "" {
		t.Errorf("the existing site was changed: %+v, %v", site, err)
	}
	if err := s.CreateSite(checklist.Site{Name: "Zoë's Bistro"}); err != nil {
		t.Errorf("a different name was refused: %v", err)
	}
}

func TestStoreRefusesBadSites(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		site checklist.Site
	}{
		{"blank name", checklist.Site{Name: "   "}},
		{"control character", checklist.Site{Name: "Acme\nLtd"}},
		{"client secret option", checklist.Site{Name: "Acme", Connector: checklist.ConnectorSettings{Options: map[string]string{"client_secret": "x"}}}},
		{"password option", checklist.Site{Name: "Acme", Connector: checklist.ConnectorSettings{Options: map[string]string{"AMI-Password": "x"}}}},
		{"API key option", checklist.Site{Name: "Acme", Connector: checklist.ConnectorSettings{Options: map[string]string{"api_key": "x"}}}},
		{"access token option", checklist.Site{Name: "Acme", Connector: checklist.ConnectorSettings{Options: map[string]string{"accessToken": "x"}}}},
	}
	for _, tc := range tests {
		s := storeForTest(t)
		if err := s.CreateSite(tc.site); err == nil {
			t.Errorf("%s: CreateSite accepted it", tc.name)
		}
		entries, _ := os.ReadDir(s.sitesDir())
		if len(entries) != 0 {
			t.Errorf("%s: a refused site left %d folders", tc.name, len(entries))
		}
	}
	s := storeWithSite(t, "Acme")
	bad := checklist.Site{Name: "Acme", Connector: checklist.ConnectorSettings{Options: map[string]string{"voicemail_pin": "x"}}}
	if _, err := s.UpdateSite("Acme", func(u *checklist.Site) error { u.Connector = bad.Connector; return nil }); err == nil {
		t.Error("UpdateSite accepted a PIN in the options")
	}
}

func TestStoreUnknownSite(t *testing.T) {
	t.Parallel()
	s := storeWithSite(t, "Acme")
	_, errSite := s.Site("Nowhere Ltd")
	errSave := putAudit(s, storeAudit("Nowhere Ltd", testNow))
	_, errAudits := s.Audits("Nowhere Ltd")
	_, errClaim := s.Claim("Nowhere Ltd")
	_, errUpdateSite := s.UpdateSite("Nowhere Ltd", func(*checklist.Site) error { return nil })
	_, errUpdateAudit := s.UpdateAudit("Nowhere Ltd", func(*checklist.Audit) error { return nil })
	_, errStart := s.StartAudit("Nowhere Ltd", func(checklist.Site, *checklist.Audit) (*checklist.Audit, error) {
		return storeAudit("Nowhere Ltd", testNow), nil
	})
	for i, err := range []error{errSite, errSave, errAudits, errClaim, errUpdateSite, errUpdateAudit, errStart} {
		if !errors.Is(err, ErrNoSite) || !strings.Contains(err.Error(), "Nowhere Ltd") {
			t.Errorf("call %d: got %v, want an error naming the missing site", i, err)
		}
	}
	if _, err := os.Stat(s.siteDir("Nowhere Ltd")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("saving to a missing site created its folder (%v)", err)
	}
}

func TestStoreLoadAuditStaysInTheSite(t *testing.T) {
	t.Parallel()
	s := storeWithSite(t, "Acme")
	if err := s.CreateSite(checklist.Site{Name: "Other"}); err != nil {
		t.Fatal(err)
	}
	if err := putAudit(s, storeAudit("Other", testNow)); err != nil {
		t.Fatal(err)
	}
	refs, _ := s.Audits("Other")
	if _, err := s.LoadAudit("Acme", refs[0]); err == nil {
		t.Error("LoadAudit read another site's file")
	}
	if a, err := s.LoadAudit("Other", AuditRef{Started: testNow}); err != nil || a == nil {
		t.Errorf("LoadAudit by start time alone: %v", err)
	}
}

func TestStoreNeverWritesOutsideItsFolder(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	s, err := OpenStore(filepath.Join(root, "data"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"../../escape", `..\..\escape`, "/etc/passwd", "C:\\Windows", ".", "..", "~"} {
		if err := s.CreateSite(checklist.Site{Name: name}); err != nil && !errors.Is(err, ErrSiteExists) {
			t.Errorf("site %q: %v", name, err)
			continue
		}
		if err := putAudit(s, storeAudit(name, testNow)); err != nil {
			t.Errorf("audit of %q: %v", name, err)
		}
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 || entries[0].Name() != "data" {
		t.Errorf("files appeared beside the data folder: %v", entries)
	}
}

func TestStoreDefaultDataDir(t *testing.T) {
	if got, err := DefaultDataDir("/srv/ringfence-data"); err != nil || got != "/srv/ringfence-data" {
		t.Errorf("with RINGFENCE_HOME: %q, %v", got, err)
	}
	if runtime.GOOS != "linux" {
		return
	}
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	if got, err := DefaultDataDir(" "); err != nil || got != filepath.Join(config, "ringfence") {
		t.Errorf("without RINGFENCE_HOME: %q, %v", got, err)
	}
}
