package tui

import (
	"context"
	"errors"
	"maps"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/breach"
	"github.com/ringfence/ringfence/checklist/callscan"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors"
	"github.com/ringfence/ringfence/connectors/cdr"
	"github.com/ringfence/ringfence/export"
)

// Messages that bring breach mode's background work back to Update.
type (
	// breachOpenedMsg opens an incident's screen on top of home.
	breachOpenedMsg struct {
		site     checklist.Site
		inc      *breach.Incident
		resumed  bool
		readOnly bool
		// others counts the site's incidents besides this one.
		others int
	}
	// incidentSavedMsg reports a save of entries: the incident as it now
	// is on disk, or why it could not be saved.
	incidentSavedMsg struct {
		saver *incidentSaver
		inc   *breach.Incident
		err   error
	}
	incidentCallsMsg struct {
		op       int
		findings breach.CallFindings
		skipped  []cdr.RowError
		err      error
	}
	incidentExportedMsg struct {
		op      int
		written []string
		err     error
	}
	// breachPickMsg asks which site has the problem.
	breachPickMsg struct{ sites []sitestore.SiteSummary }
	// incidentKnownMsg names the accounts to deal with first.
	incidentKnownMsg struct {
		saver *incidentSaver
		facts core.IncidentFacts
	}
	fraudDeskSavedMsg struct{ site checklist.Site }
	incidentListMsg   struct {
		site      checklist.Site
		incidents []*breach.Incident
	}
)

// openBreach opens breach mode for a saved site: the site's open incident
// where it left off, or a new one.
func openBreach(store *sitestore.Store, name string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		site, err := store.Site(name)
		if err != nil {
			return noticeMsg{text: plainError(err), bad: true}
		}
		inc, resumed, err := core.OpenIncident(store, site.Name, now)
		if err != nil {
			return noticeMsg{text: plainError(err), bad: true}
		}
		all, err := store.Incidents(site.Name)
		if err != nil {
			return noticeMsg{text: plainError(err), bad: true}
		}
		return breachOpenedMsg{site: site, inc: inc, resumed: resumed, others: max(len(all)-1, 0)}
	}
}

// openIncident opens one incident of a site: an open one to carry on with,
// a closed one to read.
func openIncident(store *sitestore.Store, site checklist.Site, id string, others int) tea.Cmd {
	return func() tea.Msg {
		inc, err := store.LoadIncident(site.Name, id)
		if err != nil {
			return noticeMsg{text: plainError(err), bad: true}
		}
		return breachOpenedMsg{site: site, inc: inc, resumed: true, readOnly: !inc.Open(), others: others}
	}
}

// startIncident starts another incident at a site, whatever else is open.
func startIncident(store *sitestore.Store, site checklist.Site, others int, now time.Time) tea.Cmd {
	return func() tea.Msg {
		inc, err := core.NewIncident(store, site.Name, now)
		if err != nil {
			return noticeMsg{text: plainError(err), bad: true}
		}
		return breachOpenedMsg{site: site, inc: inc, others: others}
	}
}

// createBreachSite saves a site by name alone, for an owner who has never
// audited and needs breach mode now; its phone system can be connected later.
func createBreachSite(store *sitestore.Store, name string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		name = strings.TrimSpace(name)
		if err := store.CreateSite(checklist.Site{Name: name, Created: now}); err != nil {
			return noticeMsg{text: plainError(err), bad: true}
		}
		return openBreach(store, name, now)()
	}
}

func loadIncidents(store *sitestore.Store, site checklist.Site) tea.Cmd {
	return func() tea.Msg {
		incs, err := store.Incidents(site.Name)
		if err != nil {
			return noticeMsg{text: plainError(err), bad: true}
		}
		return incidentListMsg{site: site, incidents: incs}
	}
}

// learnAccounts finds which accounts the first steps should name: admins and
// leavers' live extensions from the phone system (read-only, and bounded in
// time) or the last audit. The steps are on screen meanwhile.
func learnAccounts(sh *shared, b *breachScreen) tea.Cmd {
	store, reg, keys, now := sh.opts.Store, sh.opts.Connectors, sh.opts.Secrets, sh.now()
	site, inc, saver, parent := b.site.Name, cloneIncident(b.inc), b.saver, sh.ctx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(parent, connectTimeout)
		defer cancel()
		// Breach mode asks for no secret: without one the steps go on
		// from the last audit, and say why.
		opener := appOpener(reg, keys, "", nil)
		open := func(s checklist.Site) (core.Source, error) {
			src, err := opener(s)
			if _, ok := errors.AsType[*errNeedSecret](err); ok {
				return nil, errors.New("Ringfence has no secret for it here")
			}
			return src, err
		}
		facts, err := core.IncidentKnown(ctx, store, site, open, inc, now)
		if err != nil {
			return nil // the steps stand as they are without the names
		}
		return incidentKnownMsg{saver: saver, facts: facts}
	}
}

// saveFraudDesk keeps the provider's fraud desk with the site.
func saveFraudDesk(store *sitestore.Store, name string, d checklist.FraudDesk) tea.Cmd {
	return func() tea.Msg {
		site, err := store.UpdateSite(name, func(s *checklist.Site) error { s.FraudDesk = d; return nil })
		if err != nil {
			return noticeMsg{text: plainError(err), bad: true}
		}
		return fraudDeskSavedMsg{site: site}
	}
}

// incidentSaver keeps an incident's entries not yet saved, and saves them
// under the site's lock on top of what is on disk.
type incidentSaver struct {
	store    *sitestore.Store
	site, id string
	changeQueue[breach.Incident]
}

func (s *incidentSaver) queue(c core.IncidentChange) { s.changeQueue.queue(c) }

func (s *incidentSaver) flush() (*breach.Incident, error) {
	if s == nil {
		return nil, nil
	}
	inc, err := s.changeQueue.flush(func(changes []func(*breach.Incident) error) (*breach.Incident, error) {
		batch := make([]core.IncidentChange, len(changes))
		for i, c := range changes {
			batch[i] = c
		}
		return core.ApplyIncident(s.store, s.site, s.id, batch...)
	})
	if _, refused := errors.AsType[*changeError](err); refused {
		// The incident on disk refused the entry, most likely because it
		// was closed elsewhere: show it as it is.
		if now, lerr := s.store.LoadIncident(s.site, s.id); lerr == nil {
			inc = now
		}
	}
	return inc, err
}

func (s *incidentSaver) saveCmd() tea.Cmd {
	return func() tea.Msg {
		inc, err := s.flush()
		return incidentSavedMsg{saver: s, inc: inc, err: err}
	}
}

// cloneIncident copies an incident, so background work can read it while
// Update records the next entry.
func cloneIncident(i *breach.Incident) *breach.Incident {
	c := *i
	c.Signs = append([]string(nil), i.Signs...)
	c.Entries = append([]breach.Entry(nil), i.Entries...)
	c.Log = append([]breach.LogLine(nil), i.Log...)
	c.Decisions = append([]breach.Decision(nil), i.Decisions...)
	c.RootCause = maps.Clone(i.RootCause)
	c.RootCauseAt = maps.Clone(i.RootCauseAt)
	if i.Calls != nil {
		f := *i.Calls
		f.Extensions = append([]string(nil), i.Calls.Extensions...)
		f.Summary = append([]string(nil), i.Calls.Summary...)
		c.Calls = &f
	}
	return &c
}

// readIncidentCalls runs the call-record analysis on a file, or on the phone
// system's own call history when path is empty. It reads only: the phone
// system is asked for its records like any audit asks.
func readIncidentCalls(ctx context.Context, op int, sh *shared, site checklist.Site, path string) tea.Cmd {
	store, reg, keys, now := sh.opts.Store, sh.opts.Connectors, sh.opts.Secrets, sh.now()
	return func() tea.Msg {
		fail := func(err error) tea.Msg { return incidentCallsMsg{op: op, err: err} }
		cfg, err := incidentScanConfig(store, site, now)
		if err != nil {
			return fail(err)
		}
		if path == "" {
			src, err := connectors.Open(reg, site, connectors.Secrets{Keyring: keys})
			var need *connectors.NeedSecretError
			if errors.As(err, &need) {
				// Breach mode asks nothing it can do without: a file will do.
				return fail(errors.New("Ringfence cannot read the phone system's call history without the site's secret, and has none here. Choose a file of call records instead, or set RINGFENCE_SECRET and open breach mode again."))
			}
			if err != nil {
				return fail(err)
			}
			res, err := src.Fetch(ctx, nil)
			if err != nil {
				return fail(err)
			}
			f, err := core.IncidentCalls(ctx, cfg, core.OwnCalls(res.Calls), now)
			f.File = ""
			return incidentCallsMsg{op: op, findings: f, err: err}
		}
		file := &cdr.File{Path: path}
		if abs, err := filepath.Abs(path); err == nil {
			file.Path = abs
		}
		f, err := core.IncidentCalls(ctx, cfg, file.Scan, now)
		if f.File == "" {
			f.File = file.Path
		}
		return incidentCallsMsg{op: op, findings: f, skipped: file.Skipped, err: err}
	}
}

// incidentScanConfig is what the site's latest audit knows about its calls
// (allowed countries, leavers, business hours), or the site's hours alone
// when it has never been audited.
func incidentScanConfig(store *sitestore.Store, site checklist.Site, now time.Time) (callscan.Config, error) {
	a, err := store.LatestAudit(site.Name)
	if err != nil {
		return callscan.Config{}, err
	}
	if a != nil {
		return a.CallScanConfig(now), nil
	}
	var cfg callscan.Config
	if h, err := callscan.ParseHours(site.Hours); site.Hours != "" && err == nil {
		cfg.Hours = h
	}
	return cfg, nil
}

// exportIncident writes the incident report in each format asked for.
func exportIncident(ctx context.Context, op int, site checklist.Site, inc *breach.Incident, formats []string, folder, paper string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		var written []string
		for _, f := range formats {
			path := filepath.Join(folder, incidentFileStem(site.Name, inc)+"."+f)
			err := export.WriteIncident(ctx, site, inc, export.IncidentRequest{Format: f, Path: path, Paper: paper, Now: now})
			if err != nil {
				return incidentExportedMsg{op: op, written: written, err: err}
			}
			written = append(written, path)
		}
		return incidentExportedMsg{op: op, written: written}
	}
}

// incidentFileStem names an incident's report after the site and the day it
// was opened, e.g. acme-dental-incident-2026-11-20.
func incidentFileStem(site string, inc *breach.Incident) string {
	return slug(site) + "-incident-" + inc.Opened.Format("2006-01-02-1504")
}
