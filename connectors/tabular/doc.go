// Package tabular is the one CSV reader behind every spreadsheet Ringfence
// imports: the phone inventory, the HR staff list and call-record exports.
//
// It exists so that no input is lost without a word. Whatever the file holds,
// every line that carries data is either handed to the importer or reported as
// skipped with its line number and the reason, and the counts add up:
// lines read = used + skipped. A damaged line (a stray quote, a quote that is
// never closed, a line longer than the limit, binary bytes) costs that line
// only: reading resumes at the next one. Memory stays bounded whatever the
// input, because no line longer than the limit is ever held.
//
// It reads UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode
// text", with or without a byte-order mark) and Windows-1252 (Excel's plain
// "CSV"), and picks the separator (comma, semicolon, tab or pipe) once, the
// same way for every importer.
package tabular
