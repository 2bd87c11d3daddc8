// Package httpx is the only HTTP client Ringfence's connectors use. It exists so
// that the rules every connector must keep are kept in one place, below the
// connectors, where a mistake in one of them cannot undo them:
//
//   - read-only: the transport checks every request and every redirect hop
//     against the connector's Policy (GETs of exact read paths, its sign-in
//     path, GraphQL queries to its GraphQL path, single JSON-RPC requests
//     naming an allowed read method to its RPC path, its documented sign-out)
//     before it reaches the network, and never follows a redirect of a POST;
//   - TLS is always verified, against the system roots or a certificate the
//     user pinned by its SHA-256 fingerprint; nothing turns verification off;
//   - every call has a deadline (dial, handshake, response header, the whole
//     request, and the caller's context for the whole fetch);
//   - answers are capped in size and checked to be data, not a web page;
//   - errors name the connector, the step, the HTTP status and what to check,
//     and never carry a secret or echo the server's body.
package httpx
