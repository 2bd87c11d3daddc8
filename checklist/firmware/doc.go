// Package firmware judges whether the firmware or software on a phone, PBX, PBX
// module or softphone is safe to keep running, using a table of public advisories
// that ships inside the binary.
//
// It does no I/O of its own: the table is embedded, parsed once, and every judge
// reads it without allocating a new copy, because one audit may pass thousands of
// devices through it.
package firmware
