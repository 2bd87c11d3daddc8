// Package core holds Ringfence's use cases: start an audit of a saved site,
// carry on with its latest one, record what a person decided (answers,
// accepted risks, owners and done dates, leaver matches), and review a file
// of call records against MON-02. The command line and the app both call
// these, so the two front ends cannot drift apart; they only parse input and
// show output.
//
// The package sits below connectors: it imports the domain and the store,
// never a connector. What it needs from a phone system it names itself
// (Source), and what it needs from a call-record file is a scan function, so
// a front end hands it a connector adapted in one line.
package core
