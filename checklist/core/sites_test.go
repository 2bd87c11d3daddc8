package core

import (
	"errors"
	"testing"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/sitestore"
)

// memKeyring keeps secrets in memory; broken makes every call fail.
type memKeyring struct {
	secrets map[string]string
	broken  error
	setFail error
}

func (k *memKeyring) Get(site, c string) (string, error) {
	if k.broken != nil {
		return "", k.broken
	}
	s, ok := k.secrets[site+"/"+c]
	if !ok {
		return "", errors.New("no secret")
	}
	return s, nil
}

func (k *memKeyring) Set(site, c, secret string) error {
	if k.broken != nil {
		return k.broken
	}
	if k.setFail != nil {
		return k.setFail
	}
	k.secrets[site+"/"+c] = secret
	return nil
}

func (k *memKeyring) Delete(site, c string) error {
	if k.broken != nil {
		return k.broken
	}
	delete(k.secrets, site+"/"+c)
	return nil
}

var errNoKeyring = errors.New("no keyring here")

func TestARenamedSiteTakesItsAuditsAndSecrets(t *testing.T) {
	store, cat := newStore(t), checklist.Builtin()
	if _, err := StartAudit(t.Context(), store, cat, AuditRun{Site: "Acme Dental", Open: (&fakeSource{inv: twoLines()}).open}, now); err != nil {
		t.Fatal(err)
	}
	keys := &memKeyring{secrets: map[string]string{"Acme Dental/3cx": "s3cret", "Acme Dental/yeastar": "other"}}
	site, left, err := Rename(store, keys, []string{"3cx", "yeastar", "freepbx"}, "Acme Dental", "Acme Dental Group")
	if err != nil || len(left) != 0 {
		t.Fatal(err, left)
	}
	if site.Name != "Acme Dental Group" || keys.secrets["Acme Dental Group/3cx"] != "s3cret" || keys.secrets["Acme Dental Group/yeastar"] != "other" || len(keys.secrets) != 2 {
		t.Errorf("the secrets should move with the site: %v", keys.secrets)
	}
	if a, err := store.LatestAudit("Acme Dental Group"); err != nil || a == nil {
		t.Errorf("the audits should move with the site: %v", err)
	}
}

func TestARenameIsKeptWhenTheKeyringFails(t *testing.T) {
	store := newStore(t)
	keys := &memKeyring{secrets: map[string]string{"Acme Dental/3cx": "s3cret"}, setFail: errNoKeyring}
	site, left, err := Rename(store, keys, []string{"3cx"}, "Acme Dental", "Acme")
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || left[0].Stored || !errors.Is(left[0], errNoKeyring) {
		t.Errorf("the secret that could not move should be reported: %+v", left)
	}
	if _, err := store.Site(site.Name); err != nil {
		t.Errorf("the site should be renamed all the same: %v", err)
	}
	if keys.secrets["Acme Dental/3cx"] != "s3cret" {
		t.Error("a secret that could not be stored under the new name must not be removed from the old")
	}
}

func TestADeletedSiteIsGoneEvenWithoutAKeyring(t *testing.T) {
	store := newStore(t)
	err := Delete(store, &memKeyring{broken: errNoKeyring}, []string{"3cx"}, "Acme Dental")
	var left *SecretsLeftError
	if !errors.As(err, &left) || !errors.Is(err, errNoKeyring) {
		t.Fatalf("the keyring's failure should be reported apart, got %v", err)
	}
	if _, err := store.Site("Acme Dental"); err == nil {
		t.Error("the site should be deleted")
	}
	keys := &memKeyring{secrets: map[string]string{}}
	if err := Delete(store, keys, []string{"3cx"}, "Acme Dental"); err == nil || errors.As(err, &left) {
		t.Errorf("deleting a site that is gone should fail in the store, got %v", err)
	}
}

func TestForgettingASiteRemovesItsSecretsAndOnlyThenItsCertificates(t *testing.T) {
	store := newStore(t)
	if _, err := store.UpdateSite("Acme Dental", func(s *checklist.Site) error {
		s.Pins = []checklist.PinnedCert{{Host: "pbx.example", SHA256: "aa"}}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	keys := &memKeyring{secrets: map[string]string{"Acme Dental/3cx": "s3cret", "Other/3cx": "keep"}}
	if err := Forget(store, keys, []string{"3cx"}, "Acme Dental", false); err != nil {
		t.Fatal(err)
	}
	site, _ := store.Site("Acme Dental")
	if len(keys.secrets) != 1 || keys.secrets["Other/3cx"] != "keep" || len(site.Pins) != 1 {
		t.Errorf("only this site's secrets should go, and its certificates stay: %v %+v", keys.secrets, site.Pins)
	}
	if err := Forget(store, keys, []string{"3cx"}, "Acme Dental", true); err != nil {
		t.Fatal(err)
	}
	if site, _ := store.Site("Acme Dental"); len(site.Pins) != 0 {
		t.Errorf("the trusted certificates should be forgotten: %+v", site.Pins)
	}
}

func TestOpeningASiteGivesItsLatestAuditOrNone(t *testing.T) {
	store := newStore(t)
	site, latest, err := OpenSite(store, "acme dental")
	if err != nil || site.Name != "Acme Dental" || latest != nil {
		t.Fatalf("a site never audited opens with no audit: %+v %v %v", site, latest, err)
	}
	if _, err := StartAudit(t.Context(), store, checklist.Builtin(), AuditRun{Site: "Acme Dental", Open: (&fakeSource{inv: twoLines()}).open}, now); err != nil {
		t.Fatal(err)
	}
	if _, latest, err = OpenSite(store, "Acme Dental"); err != nil || latest == nil || len(latest.Inventory.Extensions) != 2 {
		t.Errorf("the latest audit should come with the site: %+v %v", latest, err)
	}
	if _, _, err := OpenSite(store, "Acme Dentl"); !errors.Is(err, sitestore.ErrNoSite) {
		t.Errorf("an unknown site should be refused with ErrNoSite, got %v", err)
	}
}
