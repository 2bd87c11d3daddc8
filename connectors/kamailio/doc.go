// Package kamailio reads the phones registered with a Kamailio SIP server
// through its JSON-RPC interface (the jsonrpcs module over xhttp). Each
// registered contact becomes a device, judged by the user agent it sent, on
// the extension named by the user part of its address of record.
//
// Only two read methods are ever called, ul.dump and core.version, and the
// shared HTTP client's guard refuses any other before it leaves the
// computer. Kamailio keeps no voicemail, admin accounts, staff names or call
// records, so those are recorded as gaps and their checks stay unknown.
package kamailio
