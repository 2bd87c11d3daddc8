// Package yeastar reads a Yeastar P-Series phone system (Cloud, Software or
// Appliance edition) through its OpenAPI: the system's model and firmware,
// extensions, voicemail PIN verdicts, auto-provisioned phones and, when asked,
// call records.
//
// Yeastar has no read-only API role: the API application can do anything the
// API can. This connector therefore keeps its own list of the few read
// addresses it may call and refuses any other before it reaches the network,
// on top of the HTTP client's rule that only GET and the token requests leave.
// That matters here because Yeastar's API deletes an extension and revokes a
// token with plain GET requests.
package yeastar
