// Package threecx reads a 3CX v20 phone system through its configuration API
// (XAPI), which needs an Enterprise licence and an API client created in the
// 3CX admin console.
//
// Field names and shapes come from 3CX's published XAPI description,
// github.com/3cx/xapi-tutorial (swagger.yaml, auth.ts). Every read names its
// properties with $select, so the secrets 3CX would otherwise return with
// them (SIP passwords, phone web passwords, provisioning links, the licence
// key) are never fetched. The one secret that must be read, the voicemail PIN,
// is judged the moment it arrives and dropped.
package threecx
