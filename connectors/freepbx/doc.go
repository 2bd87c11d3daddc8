// Package freepbx reads a FreePBX 16 or 17 system through its API module's
// GraphQL endpoint, signed in as a machine-to-machine application that holds
// only read scopes. It reads extensions, voicemail boxes (judging each PIN the
// moment it arrives and keeping only the verdict) and, when asked, call records.
//
// What the API cannot tell (phone models and firmware, admin accounts and MFA,
// outbound routes) stays unknown, and the audit asks a person instead.
//
// The SIP secret (user.extPassword) and the device login password (user.password)
// are never selected, so they never cross the network.
package freepbx
