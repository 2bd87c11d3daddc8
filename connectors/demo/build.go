package demo

import (
	"time"

	"github.com/ringfence/ringfence/checklist"
)

// timeline turns the story's offsets into dates. Offsets count back from now,
// truncated to the minute, and whole days count back from midnight UTC today,
// so the same moment always tells the same story.
type timeline struct {
	at    time.Time // now, in UTC, to the minute
	today time.Time // midnight UTC at the start of today
}

func newTimeline(now time.Time) timeline {
	at := now.UTC().Truncate(time.Minute)
	return timeline{at: at, today: time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC)}
}

func (t timeline) ago(a ago) time.Time { return t.at.Add(-time.Duration(a)) }

func (t timeline) day(daysAgo int, c clock) time.Time {
	return t.today.AddDate(0, 0, -daysAgo).Add(time.Duration(c))
}

// Each builder below allocates fresh slices, so no inventory shares memory with
// the parsed story or with another inventory.

func (c *company) staff(t timeline) []checklist.StaffMember {
	out := make([]checklist.StaffMember, 0, len(c.Staff))
	for _, s := range c.Staff {
		m := checklist.StaffMember{Name: s.Name, Email: c.email(s.Email)}
		if s.LeftDaysAgo != nil {
			m.Left = t.day(*s.LeftDaysAgo, 0)
		}
		out = append(out, m)
	}
	return out
}

func (c *company) extensions(t timeline) []checklist.Extension {
	out := make([]checklist.Extension, 0, len(c.Extensions))
	for _, e := range c.Extensions {
		x := checklist.Extension{
			Number: e.Number, Name: e.Name, Email: c.email(e.Email), Enabled: e.Enabled,
			Type: e.Type, MFA: e.MFA, LastActive: t.ago(e.Active),
		}
		for _, f := range e.Forwards {
			x.Forwards = append(x.Forwards, checklist.Forward(f))
		}
		out = append(out, x)
	}
	return out
}

func (c *company) voicemail() []checklist.Mailbox {
	out := make([]checklist.Mailbox, 0, len(c.Voicemail))
	for _, m := range c.Voicemail {
		out = append(out, checklist.Mailbox{
			Extension:   m.Extension,
			Enabled:     m.Enabled,
			PIN:         checklist.PINJudgement{Verdict: m.PIN, Reason: m.Reason, Short: m.Short},
			PINRequired: m.Required,
		})
	}
	return out
}

func (c *company) devices(t timeline) []checklist.Device {
	out := make([]checklist.Device, 0, len(c.Devices))
	for _, d := range c.Devices {
		out = append(out, checklist.Device{
			Kind: d.Kind, Vendor: d.Vendor, Model: d.Model, Firmware: d.Firmware,
			MAC: d.MAC, IP: d.IP, UserAgent: d.UserAgent, Owner: d.Owner, LastSeen: t.ago(d.Seen),
		})
	}
	return out
}

func (c *company) admins() []checklist.AdminAccount {
	out := make([]checklist.AdminAccount, 0, len(c.Admins))
	for _, a := range c.Admins {
		out = append(out, checklist.AdminAccount{
			Username: a.Username, Name: a.Name, Email: c.email(a.Email), Role: a.Role,
			MFA: a.MFA, Enabled: a.Enabled, Shared: a.Shared,
		})
	}
	return out
}

func (c *company) dialling() *checklist.DiallingPolicy {
	d := c.Dialling
	return &checklist.DiallingPolicy{
		InternationalOpen:  d.InternationalOpen,
		AllowedCountries:   append([]string(nil), d.AllowedCountries...),
		BlockedPrefixes:    append([]string(nil), d.BlockedPrefixes...),
		MaxConcurrentCalls: d.MaxConcurrentCalls,
	}
}

func (c *company) trunks() []checklist.Trunk {
	out := make([]checklist.Trunk, 0, len(c.Trunks))
	for _, tr := range c.Trunks {
		out = append(out, checklist.Trunk(tr))
	}
	return out
}

func (c *company) pbx() checklist.PBX {
	p := c.PBX
	p.Components = append([]checklist.Component(nil), p.Components...)
	return p
}
