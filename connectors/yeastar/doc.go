// Package yeastar reads a Yeastar P-Series phone system (Cloud, Software or
// Appliance edition) through its OpenAPI: the system's model and firmware,
// extensions, voicemail PIN verdicts, auto-provisioned phones and, when asked,
// call records.
//
// Yeastar has no read-only API role: the API application can do anything the
// API can. This connector therefore keeps its own list of the few read
// addresses it may call (its HTTP client's allow-list: the five reads, the two
// token requests, and del_token, sent only to hand back its own sign-in) and
// refuses any other, and any redirect to one, before it reaches the network.
// That matters here because Yeastar's API deletes an extension and revokes a
// token with plain GET requests.
package yeastar
