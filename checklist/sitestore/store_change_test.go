package sitestore

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ringfence/ringfence/checklist"
)

const (
	changeSite    = "Busy Ltd"
	changeWriters = 3
	changeEach    = 40
)

// TestHelperChanger runs in a child process started by
// TestChangesFromManyProcessesAllLand: it makes changeEach changes to the
// site and to its audit, each adding one thing of its own.
func TestHelperChanger(t *testing.T) {
	t.Parallel()
	if os.Getenv("RINGFENCE_CHANGETEST_CHILD") != "1" {
		t.Skip("run as a child process by TestChangesFromManyProcessesAllLand")
	}
	s, err := OpenStore(os.Getenv("RINGFENCE_CHANGETEST_DIR"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	who := os.Getenv("RINGFENCE_CHANGETEST_WHO")
	for i := range changeEach {
		key := fmt.Sprintf("%s-%d", who, i)
		if _, err := s.UpdateSite(changeSite, func(site *checklist.Site) error {
			site.Pins = append(site.Pins, checklist.PinnedCert{Host: key, SHA256: strings.Repeat("0", 64)})
			return nil
		}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		if _, err := s.UpdateAudit(changeSite, func(a *checklist.Audit) error {
			if a.Tracking == nil {
				a.Tracking = map[string]checklist.Tracking{}
			}
			a.Tracking[key] = checklist.Tracking{Owner: who}
			return nil
		}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
	}
}

// TestChangesFromManyProcessesAllLand has several processes change one site
// and its audit as fast as they can: every change must be on disk afterwards.
func TestChangesFromManyProcessesAllLand(t *testing.T) {
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("this platform cannot start a second process")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("cannot find the test binary to run a second process: %v", err)
	}
	s := storeWithSite(t, changeSite)
	if err := putAudit(s, storeAudit(changeSite, testNow)); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, changeWriters)
	for w := range changeWriters {
		wg.Go(func() {
			cmd := exec.Command(exe, "-test.run=^TestHelperChanger$", "-test.count=1")
			cmd.Env = append(os.Environ(), "RINGFENCE_CHANGETEST_CHILD=1", "RINGFENCE_CHANGETEST_DIR="+s.Dir(), "RINGFENCE_CHANGETEST_WHO=w"+strconv.Itoa(w))
			if out, err := cmd.CombinedOutput(); err != nil {
				errs[w] = fmt.Errorf("writer %d: %v\n%s", w, err, out)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	site, err := s.Site(changeSite)
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.LatestAudit(changeSite)
	if err != nil {
		t.Fatal(err)
	}
	hosts := map[string]bool{}
	for _, p := range site.Pins {
		hosts[p.Host] = true
	}
	for w := range changeWriters {
		for i := range changeEach {
			key := fmt.Sprintf("w%d-%d", w, i)
			if !hosts[key] {
				t.Errorf("the site change %s was lost", key)
			}
			if _, ok := a.Tracking[key]; !ok {
				t.Errorf("the audit change %s was lost", key)
			}
		}
	}
	if len(site.Pins) != changeWriters*changeEach || len(a.Tracking) != changeWriters*changeEach {
		t.Errorf("%d site changes and %d audit changes on disk, want %d each", len(site.Pins), len(a.Tracking), changeWriters*changeEach)
	}
}
