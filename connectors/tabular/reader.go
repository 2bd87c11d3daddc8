package tabular

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/transform"
)

// Defaults for Options.
const (
	// DefaultMaxLine is the longest line read. The widest real export row
	// (a 3CX CDR log line) is under 2 KB; a megabyte is a broken file.
	DefaultMaxLine = 1 << 20
	// DefaultMaxSpan is how many lines one quoted cell may run over (a
	// note or an address typed with line breaks). Past that, the opening
	// quote is taken to be a stray one.
	DefaultMaxSpan = 32
)

// headBytes is how much of the file is looked at to choose the encoding and
// the separator.
const headBytes = 64 << 10

// Options tune a Reader. The zero value is ready to use.
type Options struct {
	// MaxLine is the longest line, in bytes, that is read; a longer one is
	// skipped and reported. It also bounds a cell that spans lines.
	MaxLine int
	// MaxSpan is how many lines one quoted cell may span.
	MaxSpan int
	// Delimiter forces the separator; 0 chooses it from the file.
	Delimiter byte
	// Known reports whether a cell is a column name the importer knows, so
	// the separator chosen is the one under which the header makes sense.
	Known func(cell string) bool
}

// Record is one row of the file. Fields is reused by the next call to Next;
// the strings in it are not.
type Record struct {
	Fields []string
	Line   int // line the row starts on, counting from 1
	Lines  int // lines the row spans: more than 1 when a quoted cell holds line breaks
}

// Reader reads rows from a CSV file. Every row it returns must be passed to
// exactly one of Use, Skip, Header or Title; rows it cannot split into cells
// it skips itself.
type Reader struct {
	name    string
	br      *bufio.Reader
	eol     byte
	comma   byte
	opt     Options
	rep     Report
	lineNo  int
	atEOF   bool
	replay  []pending
	columns []string

	buf      []byte
	ends     []int
	fields   []string
	span     []byte
	spanAt   []pending
	scratch  []byte
	used1252 bool
}

// pending is a line read ahead while looking for the end of a quoted cell,
// kept to be read again when the quote turned out to be a stray one.
type pending struct {
	b       []byte
	num     int
	tooLong bool
}

// NewReader looks at the start of the file to choose its encoding and
// separator. The error is for a file that is not CSV text at all (a
// workbook, a PDF, binary data) or is empty; it names the file.
func NewReader(r io.Reader, name string, opt Options) (*Reader, error) {
	if opt.MaxLine <= 0 {
		opt.MaxLine = DefaultMaxLine
	}
	if opt.MaxSpan <= 0 {
		opt.MaxSpan = DefaultMaxSpan
	}
	size := max(opt.MaxLine+2, headBytes)
	br := bufio.NewReaderSize(r, size)
	head, err := br.Peek(headBytes)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("%s could not be read (%v). Check that the file is still there and that you can open it", name, err)
	}
	enc, dec, bom, err := sniff(head, name)
	if err != nil {
		return nil, err
	}
	if bom > 0 {
		_, _ = br.Discard(bom)
	}
	if dec != nil {
		br = bufio.NewReaderSize(transform.NewReader(br, dec.NewDecoder()), size)
		if head, err = br.Peek(headBytes); err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, fmt.Errorf("%s could not be read as %s (%v)", name, enc, err)
		}
	} else {
		head = head[bom:]
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return nil, fileError{name + " is empty: export it again and check that it holds the rows you expect.", ErrEmpty}
	}
	rd := &Reader{name: name, br: br, opt: opt, eol: '\n'}
	// Old Mac spreadsheets end lines with a bare carriage return.
	if bytes.IndexByte(head, '\n') < 0 && bytes.IndexByte(head, '\r') >= 0 {
		rd.eol = '\r'
	}
	rd.comma = opt.Delimiter
	if rd.comma == 0 {
		rd.comma = detectDelimiter(head, rd.eol, opt.Known)
	}
	rd.rep = Report{File: name, Encoding: enc, Delimiter: delimiterName(rd.comma)}
	return rd, nil
}

// Delimiter is the separator in use.
func (r *Reader) Delimiter() byte { return r.comma }

// Name is the file name used in messages.
func (r *Reader) Name() string { return r.name }

// SetColumns names the columns, so a skipped line can say which cell was at
// fault.
func (r *Reader) SetColumns(header []string) {
	r.columns = append(r.columns[:0], header...)
}

// Use counts rec as read and used.
func (r *Reader) Use(rec Record) { r.rep.Used += rec.Lines }

// Skip counts rec as read and not used, for reason.
func (r *Reader) Skip(rec Record, reason string) {
	r.rep.Skipped += rec.Lines
	r.note(rec.Line, reason)
}

// Header marks rec as the header row, which is not counted as read.
func (r *Reader) Header(rec Record) {
	r.rep.Read -= rec.Lines
	r.rep.Header = rec.Line
}

// Title marks rec as a title line above the header, not counted as read.
func (r *Reader) Title(rec Record) {
	r.rep.Read -= rec.Lines
	r.rep.Titles += rec.Lines
}

// Report is the account of the file so far.
func (r *Reader) Report() Report {
	rep := r.rep
	if r.used1252 && rep.Encoding == UTF8 {
		rep.Encoding = Windows1252
	}
	rep.Skips = append([]Skip(nil), rep.Skips...)
	return rep
}

func (r *Reader) note(line int, reason string) {
	if len(r.rep.Skips) < MaxSkips {
		r.rep.Skips = append(r.rep.Skips, Skip{Line: line, Reason: reason})
	}
}

// skipLine skips a line the reader itself could not use.
func (r *Reader) skipLine(num int, reason string) {
	r.rep.Read++
	r.rep.Skipped++
	r.note(num, reason)
}

// Next returns the next row that holds anything. At the end of the file it
// returns io.EOF; any other error means the file could not be read further.
func (r *Reader) Next() (Record, error) {
	for {
		p, err := r.line()
		if err != nil {
			return Record{}, err
		}
		if p.tooLong {
			r.skipLine(p.num, r.tooLong())
			continue
		}
		line := p.b
		if blankLine(line, r.comma) {
			continue
		}
		if bytes.IndexByte(line, 0) >= 0 {
			r.skipLine(p.num, "the line contains NUL bytes, so it is binary data rather than text")
			continue
		}
		line = r.decode(line)
		if bytes.IndexByte(line, '"') < 0 {
			return r.plain(line, p.num)
		}
		if rec, ok, split := r.quoted(line, p.num); split {
			if ok {
				return rec, nil
			}
			continue
		}
		r.buf, r.ends = r.buf[:0], r.ends[:0]
		st, why := r.parse(line, false)
		switch st {
		case done:
			if rec, ok := r.record(p.num, 1); ok {
				return rec, nil
			}
			continue
		case bad:
			r.skipLine(p.num, why)
			continue
		}
		if rec, ok, err := r.spanning(line, p.num); ok || err != nil {
			return rec, err
		}
	}
}

// plain splits a line without quotes, the common case, with one allocation.
func (r *Reader) plain(line []byte, num int) (Record, error) {
	s := string(line)
	r.fields = r.fields[:0]
	for {
		i := strings.IndexByte(s, r.comma)
		if i < 0 {
			r.fields = append(r.fields, s)
			break
		}
		r.fields = append(r.fields, s[:i])
		s = s[i+1:]
	}
	r.rep.Read++
	return Record{Fields: r.fields, Line: num, Lines: 1}, nil
}

// quoted splits a line whose quoted cells all open at a cell's start and
// close on the same line, the shape of nearly every quoted export, into
// pieces of one string. split is false when the line needs the full parser
// (a cell that spans lines, a stray quote, spaces around quotes); ok is false
// for a row of empty cells.
func (r *Reader) quoted(line []byte, num int) (rec Record, ok, split bool) {
	s := string(line)
	r.fields = r.fields[:0]
	blank := true
	for i := 0; ; {
		var f string
		end := len(s)
		if i < len(s) && s[i] == '"' {
			// Cells are short: a plain loop beats a call to IndexByte.
			j, escaped := i+1, false
			for {
				for j < len(s) && s[j] != '"' {
					j++
				}
				if j == len(s) {
					return Record{}, false, false
				}
				j++
				if j < len(s) && s[j] == '"' {
					escaped = true
					j++
					continue
				}
				break
			}
			f = s[i+1 : j-1]
			if escaped {
				f = strings.ReplaceAll(f, `""`, `"`)
			}
			if j < len(s) && s[j] != r.comma {
				return Record{}, false, false
			}
			end = j
		} else {
			j := i
			for j < len(s) && s[j] != r.comma {
				if s[j] == '"' {
					return Record{}, false, false
				}
				j++
			}
			end = j
			f = s[i:end]
		}
		if blank && strings.TrimSpace(f) != "" {
			blank = false
		}
		r.fields = append(r.fields, f)
		if end == len(s) {
			break
		}
		i = end + 1
	}
	if blank {
		return Record{}, false, true
	}
	r.rep.Read++
	return Record{Fields: r.fields, Line: num, Lines: 1}, true, true
}

// record turns the parsed cells into a row; a row of empty cells is dropped.
func (r *Reader) record(num, lines int) (Record, bool) {
	s := string(r.buf)
	r.fields = r.fields[:0]
	start, blank := 0, true
	for _, end := range r.ends {
		f := s[start:end]
		if blank && strings.TrimSpace(f) != "" {
			blank = false
		}
		r.fields = append(r.fields, f)
		start = end
	}
	if blank {
		return Record{}, false
	}
	r.rep.Read += lines
	return Record{Fields: r.fields, Line: num, Lines: lines}, true
}

// spanning reads on while a quoted cell runs over line breaks. If the cell
// never closes within the limits, or the row turns out malformed, the quote
// is taken as a stray: the first line is skipped and the lines read ahead are
// read again as rows of their own.
func (r *Reader) spanning(first []byte, num int) (Record, bool, error) {
	r.span = append(r.span[:0], first...)
	r.spanAt = r.spanAt[:0]
	cell := len(r.ends) + 1
	why := ""
	for {
		if len(r.spanAt)+1 >= r.opt.MaxSpan {
			why = fmt.Sprintf("%s opens a quote that is not closed within %d lines; check the quotes on this line", r.cellName(cell), r.opt.MaxSpan)
			break
		}
		if len(r.span) > r.opt.MaxLine {
			why = fmt.Sprintf("%s opens a quote that runs on for more than %s; check the quotes on this line", r.cellName(cell), size(r.opt.MaxLine))
			break
		}
		p, err := r.line()
		if errors.Is(err, io.EOF) {
			why = fmt.Sprintf("%s opens a quote that is never closed; check the quotes on this line", r.cellName(cell))
			break
		}
		if err != nil {
			return Record{}, false, err
		}
		if p.tooLong {
			r.spanAt = append(r.spanAt, pending{num: p.num, tooLong: true})
			why = fmt.Sprintf("%s opens a quote that is not closed before line %d; check the quotes on this line", r.cellName(cell), p.num)
			break
		}
		at := len(r.span)
		r.span = append(r.span, p.b...)
		r.spanAt = append(r.spanAt, pending{b: r.span[at:len(r.span):len(r.span)], num: p.num})
		st, whyBad := r.parse(r.decode(r.span[at:]), true)
		if st == done {
			rec, ok := r.record(num, len(r.spanAt)+1)
			if !ok {
				// A row of empty cells, one of them spanning lines: nothing
				// to read, nothing lost.
				return Record{}, false, nil
			}
			return rec, true, nil
		}
		if st == bad {
			why = fmt.Sprintf("%s opens a quote whose closing is not where a cell ends (line %d: %s); check the quotes on line %d", r.cellName(cell), p.num, whyBad, num)
			break
		}
	}
	r.skipLine(num, why)
	// Read the lines taken ahead again, before anything still queued.
	again := make([]pending, 0, len(r.spanAt)+len(r.replay))
	for _, p := range r.spanAt {
		p.b = bytes.Clone(p.b)
		again = append(again, p)
	}
	r.replay = append(again, r.replay...)
	return Record{}, false, nil
}

type state int

const (
	done state = iota
	more       // a quoted cell runs on to the next line
	bad
)

// parse splits one line into cells appended to r.buf and r.ends. inQuote is
// true when the line continues a quoted cell. Cells are RFC 4180: a quoted cell
// may hold separators, line breaks and doubled quotes; spaces around a quoted
// cell are allowed. A quote anywhere else makes the row bad, because where its
// cells end can no longer be known.
func (r *Reader) parse(line []byte, inQuote bool) (state, string) {
	i := 0
	for {
		if !inQuote {
			j := i
			for j < len(line) && (line[j] == ' ' || line[j] == '\t') && line[j] != r.comma {
				j++
			}
			if j < len(line) && line[j] == '"' {
				inQuote, i = true, j+1
			} else {
				k := bytes.IndexByte(line[i:], r.comma)
				end := len(line)
				if k >= 0 {
					end = i + k
				}
				if bytes.IndexByte(line[i:end], '"') >= 0 {
					return bad, fmt.Sprintf("%s has a quote mark inside it, so the line cannot be split into cells safely; remove the quote mark, or put the whole cell in quotes and double the quote mark", r.cellName(len(r.ends)+1))
				}
				r.buf = append(r.buf, line[i:end]...)
				r.ends = append(r.ends, len(r.buf))
				if k < 0 {
					return done, ""
				}
				i = end + 1
				continue
			}
		}
		// Inside a quoted cell.
		for {
			k := bytes.IndexByte(line[i:], '"')
			if k < 0 {
				r.buf = append(r.buf, line[i:]...)
				r.buf = append(r.buf, '\n')
				return more, ""
			}
			r.buf = append(r.buf, line[i:i+k]...)
			i += k + 1
			if i < len(line) && line[i] == '"' {
				r.buf = append(r.buf, '"')
				i++
				continue
			}
			break
		}
		inQuote = false
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') && line[i] != r.comma {
			i++
		}
		r.ends = append(r.ends, len(r.buf))
		if i == len(line) {
			return done, ""
		}
		if line[i] != r.comma {
			return bad, fmt.Sprintf("%s has text after its closing quote; remove the quote marks, or double any quote mark inside the cell", r.cellName(len(r.ends)))
		}
		i++
	}
}

// line returns the next physical line, from the lines read ahead first. A
// line longer than MaxLine is read past, never held, and marked tooLong.
func (r *Reader) line() (pending, error) {
	if len(r.replay) > 0 {
		p := r.replay[0]
		r.replay = r.replay[1:]
		return p, nil
	}
	if r.atEOF {
		return pending{}, io.EOF
	}
	b, err := r.br.ReadSlice(r.eol)
	if errors.Is(err, bufio.ErrBufferFull) {
		for errors.Is(err, bufio.ErrBufferFull) {
			_, err = r.br.ReadSlice(r.eol)
		}
		r.lineNo++
		switch {
		case errors.Is(err, io.EOF):
			r.atEOF = true
		case err != nil:
			return pending{}, r.readErr(err)
		}
		return pending{num: r.lineNo, tooLong: true}, nil
	}
	switch {
	case errors.Is(err, io.EOF):
		r.atEOF = true
		if len(b) == 0 {
			return pending{}, io.EOF
		}
	case err != nil:
		return pending{}, r.readErr(err)
	default:
		b = b[:len(b)-1]
	}
	r.lineNo++
	if r.eol == '\n' && len(b) > 0 && b[len(b)-1] == '\r' {
		b = b[:len(b)-1]
	}
	if len(b) > r.opt.MaxLine {
		return pending{num: r.lineNo, tooLong: true}, nil
	}
	return pending{b: b, num: r.lineNo}, nil
}

func (r *Reader) readErr(err error) error {
	return fmt.Errorf("%s could not be read after line %d (%v)", r.name, r.lineNo, err)
}

func (r *Reader) decode(line []byte) []byte {
	out, changed := toUTF8(line, r.scratch)
	if changed {
		r.scratch = out
		r.used1252 = true
	}
	return out
}

func (r *Reader) tooLong() string {
	return fmt.Sprintf("the line is longer than %s, so it was not read; the rows after it were", size(r.opt.MaxLine))
}

// cellName names a cell by its column heading when the header is known.
func (r *Reader) cellName(n int) string {
	if n-1 < len(r.columns) {
		if h := strings.TrimSpace(r.columns[n-1]); h != "" && len(h) <= 40 {
			return fmt.Sprintf("cell %d (%s)", n, h)
		}
	}
	return fmt.Sprintf("cell %d", n)
}

// blankLine reports a line with nothing but spaces and separators: it carries
// nothing and is not counted.
func blankLine(b []byte, comma byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != comma {
			return false
		}
	}
	return true
}

func size(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	if n >= 1<<10 && n%(1<<10) == 0 {
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
