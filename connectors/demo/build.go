package demo

import (
	"time"

	"github.com/ringfence/ringfence/checklist/inventory"
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

func (c *company) staff(t timeline) []inventory.StaffMember {
	out := make([]inventory.StaffMember, 0, len(c.Staff))
	for _, s := range c.Staff {
		m := inventory.StaffMember{Name: s.Name, Email: c.email(s.Email)}
		if s.LeftDaysAgo != nil {
			m.Left = t.day(*s.LeftDaysAgo, 0)
		}
		out = append(out, m)
	}
	return out
}

func (c *company) extensions(t timeline) []inventory.Extension {
	out := make([]inventory.Extension, 0, len(c.Extensions))
	for _, e := range c.Extensions {
		x := inventory.Extension{
			Number: e.Number, Name: e.Name, Email: c.email(e.Email), Enabled: e.Enabled,
			Type: e.Type, MFA: e.MFA, LastActive: t.ago(e.Active),
		}
		for _, f := range e.Forwards {
			x.Forwards = append(x.Forwards, inventory.Forward(f))
		}
		out = append(out, x)
	}
	return out
}

func (c *company) voicemail() []inventory.Mailbox {
	out := make([]inventory.Mailbox, 0, len(c.Voicemail))
	for _, m := range c.Voicemail {
		out = append(out, inventory.Mailbox{
			Extension:   m.Extension,
			Enabled:     m.Enabled,
			PIN:         inventory.PINJudgement{Verdict: m.PIN, Reason: m.Reason, Short: m.Short},
			PINRequired: m.Required,
		})
	}
	return out
}

func (c *company) devices(t timeline) []inventory.Device {
	out := make([]inventory.Device, 0, len(c.Devices))
	for _, d := range c.Devices {
		out = append(out, inventory.Device{
			Kind: d.Kind, Vendor: d.Vendor, Model: d.Model, Firmware: d.Firmware,
			MAC: d.MAC, IP: d.IP, UserAgent: d.UserAgent, Owner: d.Owner, LastSeen: t.ago(d.Seen),
		})
	}
	return out
}

func (c *company) admins() []inventory.AdminAccount {
	out := make([]inventory.AdminAccount, 0, len(c.Admins))
	for _, a := range c.Admins {
		out = append(out, inventory.AdminAccount{
			Username: a.Username, Name: a.Name, Email: c.email(a.Email), Role: a.Role,
			MFA: a.MFA, Enabled: a.Enabled, Shared: a.Shared,
		})
	}
	return out
}

func (c *company) dialling() *inventory.DiallingPolicy {
	d := c.Dialling
	return &inventory.DiallingPolicy{
		InternationalOpen:  d.InternationalOpen,
		AllowedCountries:   append([]string(nil), d.AllowedCountries...),
		BlockedPrefixes:    append([]string(nil), d.BlockedPrefixes...),
		MaxConcurrentCalls: d.MaxConcurrentCalls,
	}
}

func (c *company) trunks() []inventory.Trunk {
	out := make([]inventory.Trunk, 0, len(c.Trunks))
	for _, tr := range c.Trunks {
		out = append(out, inventory.Trunk(tr))
	}
	return out
}

func (c *company) pbx() inventory.PBX {
	p := c.PBX
	p.Components = append([]inventory.Component(nil), p.Components...)
	return p
}
