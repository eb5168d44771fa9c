package warc

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	whatwg "github.com/nlnwa/whatwg-url/url"
)

// cdxEntry is one CDXJ line before serialization.
type cdxEntry struct {
	url      string
	date     time.Time
	mime     string
	status   int
	digest   string // "sha1:..."
	offset   int64
	length   int64
	filename string
}

// cdxJSON fixes the field order of the JSON block: pywb and warcio.js write
// url, mime, status, digest, length, offset, filename.
type cdxJSON struct {
	URL      string `json:"url"`
	Mime     string `json:"mime,omitempty"`
	Status   string `json:"status,omitempty"`
	Digest   string `json:"digest,omitempty"`
	Length   string `json:"length"`
	Offset   string `json:"offset"`
	Filename string `json:"filename"`
}

// line renders the entry as "<surt> <timestamp> <json>".
func (e cdxEntry) line() (string, error) {
	mime, _, _ := strings.Cut(e.mime, ";")
	var status string
	if e.status > 0 {
		status = strconv.Itoa(e.status)
	}
	// CDXJ digests carry no algorithm prefix (pywb, warcio.js).
	_, digest, ok := strings.Cut(e.digest, ":")
	if !ok {
		digest = e.digest
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(cdxJSON{
		URL:      e.url,
		Mime:     strings.TrimSpace(mime),
		Status:   status,
		Digest:   digest,
		Length:   strconv.FormatInt(e.length, 10),
		Offset:   strconv.FormatInt(e.offset, 10),
		Filename: e.filename,
	})
	if err != nil {
		return "", err
	}
	return SURT(e.url) + " " + Timestamp14(e.date) + " " + strings.TrimRight(b.String(), "\n"), nil
}

// Timestamp14 formats t as the 14-digit UTC timestamp of CDX files and
// replay URLs: 20211018091500.
func Timestamp14(t time.Time) string {
	return t.UTC().Format("20060102150405")
}

var wwwPrefix = regexp.MustCompile(`^(https?://)www\d*\.`)

// SURT returns the sort-friendly URI key used by CDXJ indexes, computed the
// way warcio.js (and so ReplayWeb.page) computes it for lookup:
// "https://www.soldtbxh.soctrang.gov.vn/a?b=2&a=1" becomes
// "vn,gov,soctrang,soldtbxh)/a?a=1&b=2". A key that does not match the
// replay tool's is a capture nobody can find, hence the care: the URL is
// lowercased, parsed as WHATWG URL (punycode hosts, percent-encoding),
// "www" is dropped, the port is kept only when not the default, and query
// arguments are sorted. Non-HTTP URIs are returned unchanged.
func SURT(uri string) string {
	if !strings.HasPrefix(uri, "http:") && !strings.HasPrefix(uri, "https:") {
		return uri
	}
	s := strings.ToLower(wwwPrefix.ReplaceAllString(uri, "$1"))
	u, err := whatwg.Parse(s)
	if err != nil {
		return uri
	}
	parts := strings.Split(u.Hostname(), ".")
	slices.Reverse(parts)
	key := strings.Join(parts, ",")
	if p := u.Port(); p != "" {
		key += ":" + p
	}
	key += ")" + u.Pathname()
	if q := u.Search(); q != "" {
		args := strings.Split(q[1:], "&")
		slices.Sort(args)
		key += "?" + strings.Join(args, "&")
	}
	return key
}

// writeCDXJ writes lines sorted (byte order, as pywb's binary search
// expects) to path, atomically: a crash leaves either no index or a whole
// one, and a missing index is what tells Open a file was not closed.
func writeCDXJ(path string, lines []string) error {
	sorted := slices.Clone(lines)
	slices.Sort(sorted)
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("warc: write index %s: %w", path, err)
	}
	bw := bufio.NewWriter(f)
	for _, l := range sorted {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	err = bw.Flush()
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("warc: write index %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

// IndexFile reads a WARC file and returns its CDXJ lines, sorted, for the
// response, revisit and resource records, checking every record's digests
// on the way (see CheckDigests): an index of a damaged file would send
// replay to bytes that are not what was captured. It is how indexes are
// rebuilt for files that were not closed cleanly, for files from other
// tools, and for WACZ packages.
func IndexFile(path string) ([]string, error) {
	var lines []string
	for rec, err := range Records(path) {
		if err != nil {
			return nil, err
		}
		if err := CheckDigests(rec); err != nil {
			return nil, err
		}
		e, ok := cdxFromRecord(rec)
		if !ok {
			continue
		}
		l, err := e.line()
		if err != nil {
			return nil, fmt.Errorf("warc: index %s at %d: %w", path, rec.Offset, err)
		}
		lines = append(lines, l)
	}
	slices.Sort(lines)
	return lines, nil
}

// cdxFromRecord builds the index entry of a record read back from a file.
func cdxFromRecord(rec *Record) (cdxEntry, bool) {
	switch rec.Type() {
	case "response", "revisit", "resource":
	default:
		return cdxEntry{}, false
	}
	date, _ := time.Parse(time.RFC3339Nano, rec.Header.Get("WARC-Date"))
	e := cdxEntry{
		url:      rec.Header.Get("WARC-Target-URI"),
		date:     date,
		digest:   rec.Header.Get("WARC-Payload-Digest"),
		offset:   rec.Offset,
		length:   rec.Length,
		filename: filepath.Base(rec.File),
	}
	switch {
	case rec.Type() == "resource":
		e.mime = rec.Header.Get("Content-Type")
	case strings.HasPrefix(rec.Header.Get("Content-Type"), "application/http"):
		if resp, err := rec.HTTPResponse(); err == nil {
			e.status = resp.StatusCode
			e.mime = resp.Header.Get("Content-Type")
			resp.Body.Close()
		}
		if rec.Type() == "revisit" {
			e.mime = "warc/revisit"
		}
	}
	return e, true
}

// indexedEnd is the end of the last record an index lists: the size the
// indexed file has at least.
func indexedEnd(lines []string) (int64, error) {
	var end int64
	for _, l := range lines {
		parts := strings.SplitN(l, " ", 3)
		if len(parts) != 3 {
			return 0, fmt.Errorf("malformed index line %q", l)
		}
		var j cdxJSON
		if err := json.Unmarshal([]byte(parts[2]), &j); err != nil {
			return 0, fmt.Errorf("malformed index line %q: %w", l, err)
		}
		off, err1 := strconv.ParseInt(j.Offset, 10, 64)
		n, err2 := strconv.ParseInt(j.Length, 10, 64)
		if err1 != nil || err2 != nil {
			return 0, fmt.Errorf("bad offset or length in index line %q", l)
		}
		end = max(end, off+n)
	}
	return end, nil
}

// Verify reads every record of a WARC file and checks its digests, as a
// package of it must be whole; the error names the file and the offset of
// the first bad record.
func Verify(path string) error {
	for rec, err := range Records(path) {
		if err != nil {
			return err
		}
		if err := CheckDigests(rec); err != nil {
			return err
		}
	}
	return nil
}

// ErrDigest is returned (wrapped, naming the file, offset and field) when
// a record's bytes do not match its WARC-Block-Digest or
// WARC-Payload-Digest.
var ErrDigest = errors.New("digest mismatch")

// CheckDigests recomputes a record's sha1 digests: the block digest over
// the whole block, and for an HTTP response the payload digest over its
// entity (de-chunked, content coding kept). Digests in other algorithms
// are not checked; a record without digests passes.
func CheckDigests(rec *Record) error {
	if want := rec.Header.Get("WARC-Block-Digest"); isSHA1(want) {
		if got := PayloadDigest(rec.Block); !sameDigest(got, want) {
			return fmt.Errorf("warc: %s at offset %d: %w: WARC-Block-Digest %s, the block hashes to %s", rec.File, rec.Offset, ErrDigest, want, got)
		}
	}
	want := rec.Header.Get("WARC-Payload-Digest")
	if rec.Type() != "response" || !isSHA1(want) || !strings.HasPrefix(rec.Header.Get("Content-Type"), "application/http") {
		return nil
	}
	body, err := entity(rec.Block)
	if err != nil {
		return fmt.Errorf("warc: %s at offset %d: %w", rec.File, rec.Offset, err)
	}
	if got := PayloadDigest(body); !sameDigest(got, want) {
		return fmt.Errorf("warc: %s at offset %d: %w: WARC-Payload-Digest %s, the entity hashes to %s", rec.File, rec.Offset, ErrDigest, want, got)
	}
	return nil
}

func isSHA1(d string) bool { return len(d) > 5 && strings.EqualFold(d[:5], "sha1:") }

// sameDigest compares base32 digests the way other tools write them:
// upper or lower case, padded or not.
func sameDigest(a, b string) bool {
	norm := func(d string) string { return strings.TrimRight(strings.ToUpper(d[5:]), "=") }
	return norm(a) == norm(b)
}

// readCDXJ returns the lines of an index file.
func readCDXJ(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		if l := sc.Text(); l != "" {
			lines = append(lines, l)
		}
	}
	if err := sc.Err(); err != nil && err != io.EOF {
		return nil, fmt.Errorf("warc: read index %s: %w", path, err)
	}
	return lines, nil
}
