package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ringfence/ringfence/checklist"
	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/sitestore"
	"github.com/ringfence/ringfence/connectors/secrets"
)

func newSitesCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "sites",
		Example: "ringfence sites --json\nringfence sites add \"Acme Ltd\" --contact \"Sam Patel\"\nringfence sites rename \"Acme Ltd\" \"Acme Holdings\"\nringfence sites delete \"Acme Holdings\" --yes",
		Short:   "List saved sites, or add, rename or delete one",
		Long:    "Lists saved sites with the date and score of their last audit.",
		Args:    noArgs,
	}
	asJSON := cmd.Flags().Bool("json", false, "print the list as JSON")
	cmd.RunE = func(*cobra.Command, []string) error {
		store, err := openStore(a.e.getenv, a.dataDir)
		if err != nil {
			return err
		}
		if *asJSON {
			return listSitesJSON(store, a.e)
		}
		return listSites(store, a.e)
	}
	cmd.AddCommand(newSitesAddCmd(a), newSitesRenameCmd(a), newSitesDeleteCmd(a))
	return cmd
}

// siteJSON is one line of 'sites --json'; the field names are part of the
// command line's interface.
type siteJSON struct {
	Name        string     `json:"name"`
	Audits      int        `json:"audits"`
	LastAudit   *time.Time `json:"last_audit"`
	Score       *int       `json:"score"`
	OpenActions *int       `json:"open_actions"`
}

func listSitesJSON(store *sitestore.Store, e env) error {
	sites, problems := store.Sites()
	for _, p := range problems {
		fmt.Fprintf(e.stderr, "warning: %s\n", p)
	}
	out := []siteJSON{}
	for _, s := range sites {
		j := siteJSON{Name: s.Name, Audits: s.Audits}
		if !s.LastAudit.IsZero() {
			last, score, open := s.LastAudit, s.Score, s.OpenActions
			j.LastAudit, j.Score, j.OpenActions = &last, &score, &open
		}
		out = append(out, j)
	}
	return writeJSONDoc(e.stdout, out)
}

func newSitesAddCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Add a site to audit",
		Long:  "Adds a site to audit. Without a connector, its audits are made from your answers.",
		Args:  exactArgs("Give the new site's name, as in: ringfence sites add \"Acme Ltd\".", 1),
	}
	contact := cmd.Flags().String("contact", "", "who to talk to at the site")
	cmd.RunE = func(_ *cobra.Command, args []string) error {
		name := strings.TrimSpace(args[0])
		if name == "" {
			return usagef("sites add needs a site name")
		}
		store, err := openStore(a.e.getenv, a.dataDir)
		if err != nil {
			return err
		}
		site := checklist.Site{Schema: checklist.SiteSchema, Name: name, Contact: *contact, Created: a.e.now()}
		if err := store.CreateSite(site); err != nil {
			return err
		}
		fmt.Fprintf(a.e.stdout, "Added site %q. Audit it with: ringfence audit --site %q --answers FILE\n", name, name)
		return nil
	}
	return cmd
}

func newSitesRenameCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rename OLD NEW",
		Short: "Give a saved site a new name, keeping its audits",
		Long: "Gives a saved site a new name. Its settings, audits and keyring secrets move with it.\n" +
			"It is refused while a Ringfence window has the site open, or if the new name is taken.",
		Args:              exactArgs("Give the site's name and its new name, as in: ringfence sites rename \"Acme\" \"Acme Ltd\".", 2),
		ValidArgsFunction: siteNameArgs(a),
	}
	cmd.RunE = func(_ *cobra.Command, args []string) error {
		store, err := openStore(a.e.getenv, a.dataDir)
		if err != nil {
			return err
		}
		old, err := store.Site(args[0])
		if err != nil {
			return withSuggestion(store, args[0], err)
		}
		site, left, err := core.Rename(store, a.e.keyring(), secretKinds(), old.Name, args[1])
		if err != nil {
			return err
		}
		for _, l := range left {
			if l.Stored {
				fmt.Fprintf(a.e.stderr, "Warning: %s\n", l.Err)
			} else {
				fmt.Fprintf(a.e.stderr, "Warning: %s\nRun 'ringfence connect --site %q' again to store it under the new name.\n", l.Err, site.Name)
			}
		}
		fmt.Fprintf(a.e.stdout, "Renamed %q to %q.\n", old.Name, site.Name)
		return nil
	}
	return cmd
}

func newSitesDeleteCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "delete NAME",
		Short: "Delete a saved site, its audits and its keyring secrets",
		Long: "Deletes a saved site with all its audits, and removes its secrets from this computer's\n" +
			"keyring. In a terminal you are asked to confirm; in a script, add --yes.",
		Args:              exactArgs("Give the name of the site to delete, as in: ringfence sites delete \"Acme Ltd\".", 1),
		ValidArgsFunction: siteNameArgs(a),
	}
	yes := cmd.Flags().Bool("yes", false, "delete without asking (needed when not run in a terminal)")
	cmd.RunE = func(_ *cobra.Command, args []string) error {
		store, err := openStore(a.e.getenv, a.dataDir)
		if err != nil {
			return err
		}
		site, err := store.Site(args[0])
		if err != nil && !errors.As(err, new(*sitestore.CorruptFileError)) {
			return withSuggestion(store, args[0], err)
		}
		name := site.Name
		if name == "" {
			name = strings.TrimSpace(args[0])
		}
		if !*yes {
			if !a.e.interactive() {
				return usagef("Deleting %q removes it and all its audits for good. Add --yes to confirm.", name)
			}
			ok, err := confirm(a.e, fmt.Sprintf("Delete %q with all its audits and secrets? This cannot be undone. Type yes to confirm: ", name))
			if err != nil {
				return err
			}
			if !ok {
				fmt.Fprintln(a.e.stdout, "Nothing was deleted.")
				return nil
			}
		}
		err = core.Delete(store, a.e.keyring(), secretKinds(), name)
		var left *core.SecretsLeftError
		switch {
		case errors.As(err, &left) && errors.Is(err, secrets.ErrUnavailable):
			// No keyring here, so none of its secrets can be in one.
			fmt.Fprintf(a.e.stdout, "Deleted %q. There is no keyring on this computer, so no secret of it was kept here.\n", name)
			return nil
		case err != nil:
			return err
		}
		fmt.Fprintf(a.e.stdout, "Deleted %q and its secrets.\n", name)
		return nil
	}
	return cmd
}

// confirm asks a yes-or-no question; only "yes" or "y" counts as yes.
func confirm(e env, question string) (bool, error) {
	fmt.Fprint(e.stderr, question)
	line, err := bufio.NewReader(io.LimitReader(e.stdin, 1024)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return false, fmt.Errorf("Could not read your answer. %w", asSentence(err))
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "yes", "y":
		return true, nil
	}
	return false, nil
}

// secretKinds names every connector that keeps a secret. A site's secrets are
// moved or removed for all of them, not just its current connector's: an
// earlier connector's secret may still be in the keyring.
func secretKinds() []string {
	var out []string
	for _, k := range builtin.Sorted() {
		if k.NeedsSecret() {
			out = append(out, k.Name)
		}
	}
	return out
}
