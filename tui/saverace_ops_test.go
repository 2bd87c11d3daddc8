//go:build unix

package tui

import (
	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
)

// The app side of the save race tests: each makes a change the way the
// screen that offers it does.

func appAnswer(sh *shared, id, value string) error {
	cat, now := sh.opts.Catalogue, sh.now()
	save, err := sh.change(core.Answer(cat, id, checklist.Answer{Value: value}, now))
	if err != nil {
		return err
	}
	return runAll(sh, save)
}

func appAccept(sh *shared, id string) error {
	cat, now := sh.opts.Catalogue, sh.now()
	acc := checklist.Acceptance{Reason: "testing", Owner: "Sam", Expires: now.AddDate(0, 1, 0)}
	save, err := sh.change(core.Accept(cat, id, acc, now))
	if err != nil {
		return err
	}
	return runAll(sh, save)
}

func appHours(sh *shared, spec string) error {
	s := &callsScreen{sh: sh, hours: &spec}
	return runAll(sh, s.rememberHours())
}

// appQuit saves what is left and closes the site, as Run does on the way out.
func appQuit(sh *shared) error {
	_, err := sh.saver.flush(sh.opts.Store, sh.sess.name())
	sh.sess.close()
	return err
}
