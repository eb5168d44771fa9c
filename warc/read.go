package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"os"
	"strconv"
	"strings"
)

// maxRecordSize bounds how much one gzip member may inflate to when read
// back, so a corrupt or hostile file cannot exhaust memory.
const maxRecordSize = 2 << 30

// Field is one WARC header field, in file order.
type Field struct{ Name, Value string }

// Fields is a WARC record header in file order.
type Fields []Field

// Get returns the first value of name, compared case-insensitively.
func (fs Fields) Get(name string) string {
	for _, f := range fs {
		if strings.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// Record is a WARC record read back from a file.
type Record struct {
	// Version is the WARC version line, e.g. "WARC/1.1".
	Version string
	Header  Fields
	// Block is the record's content block, Content-Length bytes.
	Block []byte
	// File, Offset and Length locate the record's gzip member.
	File           string
	Offset, Length int64
}

// Type returns WARC-Type.
func (r *Record) Type() string { return r.Header.Get("WARC-Type") }

// HTTPResponse parses the block of a response or revisit record. The body
// is the entity as stored: de-chunked, but still gzip-encoded if the server
// sent it so (see DecodeContent); empty for an identical-payload revisit,
// whose block is the HTTP head only.
func (r *Record) HTTPResponse() (*http.Response, error) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/http") {
		return nil, fmt.Errorf("warc: %s at %d: %s record holds no HTTP message", r.File, r.Offset, r.Type())
	}
	block := r.Block
	if r.Type() == "revisit" && r.Header.Get("WARC-Profile") != NotModifiedProfile {
		head, _, ok := bytes.Cut(block, []byte("\r\n\r\n"))
		if !ok {
			return nil, fmt.Errorf("warc: %s at %d: HTTP head not terminated", r.File, r.Offset)
		}
		// The head announces a body the record does not hold: parse it
		// alone, so its framing is not applied to nothing.
		resp, err := http.ReadResponse(bufio.NewReader(io.MultiReader(bytes.NewReader(head), strings.NewReader("\r\n\r\n"))), nil)
		if err != nil {
			return nil, fmt.Errorf("warc: %s at %d: %w", r.File, r.Offset, err)
		}
		resp.Body = io.NopCloser(bytes.NewReader(nil))
		resp.ContentLength = 0
		resp.TransferEncoding = nil
		return resp, nil
	}
	resp, _, err := ParseResponse(block)
	if err != nil {
		return nil, fmt.Errorf("warc: %s at %d: %w", r.File, r.Offset, err)
	}
	return resp, nil
}

// ParseResponse parses an HTTP response as read off the connection. The
// returned response's body is the entity (WARC 1.1's payload): the body
// with its transfer coding removed and its content coding kept. n is how
// many bytes of raw the message takes; what follows is not part of it.
func ParseResponse(raw []byte) (resp *http.Response, n int, err error) {
	cr := &countingReader{r: bytes.NewReader(raw)}
	br := bufio.NewReader(cr)
	resp, err = http.ReadResponse(br, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("parse HTTP response: %w", err)
	}
	entity, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, 0, fmt.Errorf("parse HTTP response body: %w", err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(entity))
	resp.ContentLength = int64(len(entity))
	resp.TransferEncoding = nil
	return resp, int(cr.n) - br.Buffered(), nil
}

// entity returns the payload of an HTTP response block.
func entity(block []byte) ([]byte, error) {
	resp, _, err := ParseResponse(block)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

// DecodeContent replaces a gzip Content-Encoding body with the decoded bytes
// and removes Content-Encoding and Content-Length from the header, so the
// response looks as if it had been sent uncompressed. Other encodings are
// left alone. It reads and closes the original body.
func DecodeContent(resp *http.Response) error {
	ce := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
	if ce != "gzip" && ce != "x-gzip" {
		return nil
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	var plain []byte
	if len(raw) > 0 { // HEAD and 204/304 replies carry the header but no body
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return fmt.Errorf("decode gzip body: %w", err)
		}
		plain, err = io.ReadAll(zr)
		if err != nil {
			return fmt.Errorf("decode gzip body: %w", err)
		}
	}
	resp.Body = io.NopCloser(bytes.NewReader(plain))
	resp.Header.Del("Content-Encoding")
	resp.Header.Del("Content-Length")
	resp.ContentLength = int64(len(plain))
	resp.Uncompressed = true
	return nil
}

// ReadRecordAt reads the record whose gzip member starts at offset in file.
func ReadRecordAt(file string, offset int64) (*Record, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("warc: %w", err)
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return nil, fmt.Errorf("warc: %s: %w", file, err)
	}
	ms := newMemberScanner(f, offset)
	data, off, length, err := ms.next()
	if err == io.EOF {
		return nil, fmt.Errorf("warc: %s: no record at offset %d", file, offset)
	}
	if err != nil {
		return nil, fmt.Errorf("warc: %s at offset %d: %w", file, offset, err)
	}
	rec, err := parseRecord(data)
	if err != nil {
		return nil, fmt.Errorf("warc: %s at offset %d: %w", file, offset, err)
	}
	rec.File, rec.Offset, rec.Length = file, off, length
	return rec, nil
}

// Records iterates over the records of a .warc.gz file. It stops at the
// first error, which names the file and offset.
func Records(file string) iter.Seq2[*Record, error] {
	return func(yield func(*Record, error) bool) {
		f, err := os.Open(file)
		if err != nil {
			yield(nil, fmt.Errorf("warc: %w", err))
			return
		}
		defer f.Close()
		ms := newMemberScanner(f, 0)
		for {
			data, off, length, err := ms.next()
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(nil, fmt.Errorf("warc: %s at offset %d: %w", file, off, err))
				return
			}
			rec, err := parseRecord(data)
			if err != nil {
				yield(nil, fmt.Errorf("warc: %s at offset %d: %w", file, off, err))
				return
			}
			rec.File, rec.Offset, rec.Length = file, off, length
			if !yield(rec, nil) {
				return
			}
		}
	}
}

// memberScanner reads consecutive gzip members and knows the exact file
// offset and compressed length of each, which is what CDXJ offsets, crash
// recovery and the one-member-per-record check all rest on.
type memberScanner struct {
	cr  *countingReader
	br  *bufio.Reader
	zr  *gzip.Reader
	buf bytes.Buffer
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func newMemberScanner(r io.Reader, base int64) *memberScanner {
	cr := &countingReader{r: r, n: base}
	return &memberScanner{cr: cr, br: bufio.NewReaderSize(cr, 64*1024)}
}

func (m *memberScanner) pos() int64 { return m.cr.n - int64(m.br.Buffered()) }

// next returns the inflated content of the next member. It returns io.EOF
// at a clean end of input; any other error (a torn member, trailing
// garbage) comes with the offset where the bad member starts.
func (m *memberScanner) next() (data []byte, off, length int64, err error) {
	off = m.pos()
	if _, err := m.br.Peek(1); err == io.EOF {
		return nil, off, 0, io.EOF
	}
	// gzip.Reader reads through the bufio.Reader (an io.ByteReader), so it
	// never consumes bytes past the end of the member.
	if m.zr == nil {
		m.zr, err = gzip.NewReader(m.br)
	} else {
		err = m.zr.Reset(m.br)
	}
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, off, 0, fmt.Errorf("gzip member: %w", err)
	}
	m.zr.Multistream(false)
	m.buf.Reset()
	n, err := m.buf.ReadFrom(io.LimitReader(m.zr, maxRecordSize+1))
	if err != nil {
		return nil, off, 0, fmt.Errorf("gzip member: %w", err)
	}
	if n > maxRecordSize {
		return nil, off, 0, errors.New("record larger than 2 GiB")
	}
	return bytes.Clone(m.buf.Bytes()), off, m.pos() - off, nil
}

// parseRecord parses one whole WARC record (version line, header, block,
// CRLFCRLF) as inflated from a gzip member.
func parseRecord(data []byte) (*Record, error) {
	if !bytes.HasPrefix(data, []byte("WARC/")) {
		return nil, errors.New("member does not start with a WARC version line")
	}
	headEnd := bytes.Index(data, []byte("\r\n\r\n"))
	if headEnd < 0 {
		return nil, errors.New("WARC header not terminated")
	}
	lines := strings.Split(string(data[:headEnd]), "\r\n")
	rec := &Record{Version: lines[0]}
	for _, l := range lines[1:] {
		if l == "" {
			return nil, errors.New("empty WARC header line")
		}
		if (l[0] == ' ' || l[0] == '\t') && len(rec.Header) > 0 { // folded continuation
			rec.Header[len(rec.Header)-1].Value += " " + strings.TrimSpace(l)
			continue
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			return nil, fmt.Errorf("malformed WARC header line %q", l)
		}
		rec.Header = append(rec.Header, Field{Name: name, Value: strings.TrimSpace(value)})
	}
	n, err := strconv.ParseInt(rec.Header.Get("Content-Length"), 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("bad Content-Length %q", rec.Header.Get("Content-Length"))
	}
	rest := data[headEnd+4:]
	if int64(len(rest)) < n+4 {
		return nil, fmt.Errorf("block shorter than Content-Length %d", n)
	}
	if !bytes.Equal(rest[n:n+4], []byte("\r\n\r\n")) {
		return nil, errors.New("record not terminated by CRLFCRLF")
	}
	if int64(len(rest)) != n+4 {
		return nil, errors.New("more than one record in a gzip member")
	}
	rec.Block = rest[:n]
	return rec, nil
}

// ReadInfo returns the fields of the warcinfo record a file opens with
// (software, isPartOf, operator...), or an error naming the file when it
// does not open with one.
func ReadInfo(file string) (map[string]string, error) {
	rec, err := ReadRecordAt(file, 0)
	if err != nil {
		return nil, err
	}
	if rec.Type() != "warcinfo" {
		return nil, fmt.Errorf("warc: %s: first record is %s, not warcinfo", file, rec.Type())
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(rec.Block), "\r\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			if _, dup := out[k]; !dup {
				out[k] = strings.TrimSpace(v)
			}
		}
	}
	return out, nil
}
