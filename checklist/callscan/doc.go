// Package callscan looks through call records for the marks of toll fraud:
// calls abroad that the business does not make, premium and revenue-sharing
// numbers, calls at night, bursts against an extension's own habits, many short
// calls to one number, more calls at once than usual, and calls from a leaver's
// extension after they left.
//
// It streams: Add takes one call at a time and keeps only bounded state per
// extension and per destination, so a ten-million-row export costs no more
// memory than a ten-thousand-row one with the same extensions and numbers.
//
// Ordering. Exports arrive oldest-first (Asterisk's Master.csv, written as each
// call ends) or newest-first (most web exports). Both work. The hourly and
// per-minute windows follow whichever way the rows run and close a window once
// the rows have moved a few hours past it. A row that arrives more than four
// hours out of step with its neighbours still counts for every per-call check
// (premium, abroad, night, leavers), but is left out of the concurrency sweep,
// and may split an hour's count for the burst check; Seen().OutOfOrder says how
// many rows that was.
//
// It does no I/O: connectors/cdr reads files and hands calls to Add.
package callscan
