package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ringfence/ringfence/checklist/core"
	"github.com/ringfence/ringfence/checklist/inventory"
	"github.com/ringfence/ringfence/checklist/safetext"
	"github.com/ringfence/ringfence/connectors/sipprobe"
)

func newProbeCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "probe HOST[:PORT]",
		Short:   "Check what one phone system shows to the network: SIP, its certificate and admin ports",
		Example: "ringfence probe pbx.example.co.uk --from outside --site \"Acme Ltd\"\nringfence probe 203.0.113.10:5080 --tls-port 5081 --yes --json",
		Long: "Looks at one phone system you name, as a stranger on the network would. It sends a SIP\n" +
			"OPTIONS request (which asks what the server supports and changes nothing) over UDP and\n" +
			"TCP to port 5060, or the PORT you give, and over TLS to port 5061, or PORT+1 when you\n" +
			"give a PORT, or the port given with --tls-port. It reports whether each answers, what\n" +
			"the reply says the server is (judged against known security flaws), and whether the\n" +
			"TLS certificate is valid. It then tries to connect to ports 80, 443, 8080, 8443 and\n" +
			"5001 (web admin pages), 22 (SSH), 23 (Telnet) and 21 (FTP), sending nothing over them.\n" +
			"It never sends REGISTER, INVITE or a password, and never probes a range or a list.\n\n" +
			"Run from inside the office, it shows what the office sees; run from outside (for\n" +
			"example on a mobile hotspot, with --from outside), what the internet sees.\n" +
			"With --site, the result is recorded against the site's last audit (checks NW-01 and\n" +
			"NW-06). It asks before sending anything; --yes confirms without asking, and is needed\n" +
			"when not run in a terminal.",
		Args: exactArgs("Give probe the address or name of your phone system, as in: ringfence probe pbx.example.co.uk", 1),
	}
	fs := cmd.Flags()
	site := fs.String("site", "", "record the result against this saved site's last audit")
	yes := fs.Bool("yes", false, "probe without asking (needed when not run in a terminal)")
	jsonOut := fs.Bool("json", false, "write the result as JSON to standard output")
	from := fs.String("from", "", "where this computer is: inside (the office network) or outside (e.g. a mobile hotspot)")
	tlsPort := fs.Int("tls-port", 0, "port for SIP over TLS (default 5061, or PORT+1 when a PORT is given)")
	completeSites(a, cmd, "site")
	completeWords(cmd, "from", "inside", "outside")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		e := a.e
		target, err := sipprobe.ParseTarget(args[0], *tlsPort)
		if err != nil {
			return usageError{err}
		}
		var vantage inventory.Vantage
		switch strings.ToLower(strings.TrimSpace(*from)) {
		case "":
		case "inside":
			vantage = inventory.VantageInside
		case "outside":
			vantage = inventory.VantageOutside
		default:
			return usagef("Give --from inside or --from outside, not %q.", *from)
		}
		siteName := ""
		if *site != "" {
			st, err := openStore(e.getenv, a.dataDir)
			if err != nil {
				return err
			}
			s, latest, err := core.OpenSite(st, *site)
			if err != nil {
				return withSuggestion(st, *site, err)
			}
			if latest == nil {
				// Refused before anything is sent, so a probe is never run
				// only to find it has nowhere to be kept.
				return fmt.Errorf("The site %q has no audit yet, so the probe would have nothing to be recorded against, and nothing was sent. Run 'ringfence audit --site %q' first, or probe without --site.", s.Name, s.Name)
			}
			siteName = s.Name
		}
		cfg := sipprobe.Config{From: vantage, Now: e.now}
		if !*yes {
			if !e.interactive() {
				return usagef("The probe sends packets to %s. Add --yes to confirm when not running in a terminal.", target.Host)
			}
			ok, err := confirm(e, sipprobe.Sends(target, cfg)+"\nType yes to go on: ")
			if err != nil {
				return err
			}
			if !ok {
				fmt.Fprintln(e.stdout, "Nothing was sent.")
				return nil
			}
		}
		fmt.Fprintf(e.stderr, "Probing %s (at most %d seconds)…\n", target.Host, int(sipprobe.WorstCase(cfg).Seconds()+0.5))
		res, err := sipprobe.Run(cmd.Context(), target, cfg)
		if err != nil {
			return fmt.Errorf("Could not probe %s. %w", strings.TrimSuffix(target.Host, "."), asSentence(err))
		}
		if *jsonOut {
			if err := writeJSONDoc(e.stdout, res); err != nil {
				return err
			}
		} else {
			for _, line := range res.Report() {
				fmt.Fprintln(e.stdout, safetext.Line(line))
			}
		}
		if siteName == "" {
			return nil
		}
		if cmd.Context().Err() != nil {
			fmt.Fprintln(e.stderr, "You stopped the probe, so nothing was recorded against the site.")
			return nil
		}
		st, err := openStore(e.getenv, a.dataDir)
		if err != nil {
			return err
		}
		saved, err := core.RecordProbe(st, e.catalogue(), siteName, res.Exposure, e.now())
		if err != nil {
			return fmt.Errorf("The probe ran, but could not be recorded against %q. %w", siteName, asSentence(err))
		}
		out := e.stdout
		if *jsonOut {
			out = e.stderr // standard output holds the JSON alone
		}
		fmt.Fprintf(out, "\nRecorded against the audit of %s started %s:\n", siteName, saved.Started.Local().Format("2 Jan 2006 15:04"))
		for _, r := range saved.Results {
			if r.CheckID == "NW-01" || r.CheckID == "NW-06" {
				fmt.Fprintf(out, "  %s %s: %s\n", r.CheckID, r.Status, safetext.Line(r.Evidence))
			}
		}
		return nil
	}
	return cmd
}
