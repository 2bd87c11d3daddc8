// Package csvinv reads a phone inventory from a spreadsheet saved as CSV. It is
// the fallback for any phone system Ringfence has no API connector for: the
// business (or its IT provider) lists its phones and who has them, and the same
// checks run on that list. It never touches the network.
package csvinv
