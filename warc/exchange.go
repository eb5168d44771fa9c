package warc

import (
	"bytes"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// The WARC-Profile values of the revisit records written here.
const (
	// RevisitProfile: the payload is identical to an earlier capture (same
	// URI, same payload digest), so only the HTTP head is kept.
	RevisitProfile = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
	// NotModifiedProfile: the server answered a conditional request with
	// 304 Not Modified. The record keeps the whole 304 as received and
	// points at the capture that holds the content; it carries no payload
	// digest, since the server vouched for its validators, not for bytes
	// (Heritrix writes them so).
	NotModifiedProfile = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
)

const (
	contentTypeRequest  = "application/http;msgtype=request"
	contentTypeResponse = "application/http;msgtype=response"
)

// Exchange is one HTTP request and its response as they crossed the wire.
type Exchange struct {
	// TargetURI is the absolute URI that was requested.
	TargetURI string
	// Request is the request as sent: request line, headers, blank line and
	// body, if any.
	Request []byte
	// Response is the response as read off the connection: status line,
	// header fields as sent, blank line and body in its transfer framing
	// (chunked stays chunked). It is the response record's block.
	Response []byte
	// StatusLine, Header and Body describe a response that was not read
	// off a connection (a test, an import), used when Response is nil:
	// the record is then their serialization, with a Content-Length of
	// Body and no transfer coding.
	StatusLine string
	Header     http.Header
	Body       []byte
	// RemoteIP is the address the response came from, if known.
	RemoteIP string
	// Start is when the request was sent; it becomes WARC-Date.
	Start time.Time
	// RevisitOf, when set, makes WriteExchange store a revisit record that
	// points at this earlier capture instead of a full response record.
	RevisitOf *Location
	// Profile is the revisit's WARC-Profile: RevisitProfile (the default)
	// or NotModifiedProfile.
	Profile string
}

// Location says where a response or revisit record was written.
type Location struct {
	// File is the path of the WARC file (the Writer's dir joined with the
	// file name), ready for ReadRecordAt.
	File string
	// Offset and Length delimit the record's gzip member in File.
	Offset, Length int64
	// PayloadDigest is the sha1 base32 digest of the entity body as stored,
	// e.g. "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ".
	PayloadDigest string
	// Date is the WARC-Date of the record.
	Date time.Time
	// TargetURI and RecordID identify the record; a revisit written from
	// this Location uses them for WARC-Refers-To-Target-URI and
	// WARC-Refers-To. TargetURI may be empty, in which case the revisit's
	// own URI is used.
	TargetURI string
	RecordID  string
}

// PayloadDigest returns the WARC payload digest of an entity body:
// "sha1:" and the base32 sha1, the form WARC-Payload-Digest and CDXJ use.
func PayloadDigest(body []byte) string {
	sum := sha1.Sum(body)
	return "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
}

// newRecordID returns a fresh "<urn:uuid:...>" (random, version 4).
func newRecordID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("warc: record id: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("<urn:uuid:%x-%x-%x-%x-%x>", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}

// builderMu serializes gowarc.NewRecordBuilder: in gowarc v3.1.0 every call
// runs uuid.EnableRandPool, an unsynchronized write to a package variable of
// github.com/google/uuid, which the race detector rightly reports when
// crawler workers archive in parallel. It is package-level because the
// variable it protects is process-wide.
var builderMu sync.Mutex

func newBuilder(t gowarc.RecordType) gowarc.WarcRecordBuilder {
	builderMu.Lock()
	defer builderMu.Unlock()
	return gowarc.NewRecordBuilder(t, recordOptions()...)
}

// newTrustingBuilder builds a record whose digests the caller has set:
// gowarc neither adds nor checks them.
func newTrustingBuilder(t gowarc.RecordType) gowarc.WarcRecordBuilder {
	builderMu.Lock()
	defer builderMu.Unlock()
	return gowarc.NewRecordBuilder(t,
		gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore))
}

func recordOptions() []gowarc.WarcRecordOption {
	return []gowarc.WarcRecordOption{
		gowarc.WithAddMissingDigest(true),
		gowarc.WithDefaultDigestAlgorithm("sha1"),
		gowarc.WithDefaultDigestEncoding(gowarc.Base32),
		// We build the records ourselves: a spec violation here is our bug
		// and must not reach the archive.
		gowarc.WithSpecViolationPolicy(gowarc.ErrFail),
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrFail),
	}
}

// rawResponse is ex's response as it goes into the archive.
func rawResponse(ex *Exchange) ([]byte, error) {
	if ex.Response != nil {
		return ex.Response, nil
	}
	h := ex.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Del("Transfer-Encoding")
	h.Set("Content-Length", strconv.Itoa(len(ex.Body)))
	var b bytes.Buffer
	b.WriteString(ex.StatusLine)
	b.WriteString("\r\n")
	if err := h.Write(&b); err != nil {
		return nil, err
	}
	b.WriteString("\r\n")
	b.Write(ex.Body)
	return b.Bytes(), nil
}

// builtExchange is an Exchange turned into two gowarc records, not yet
// placed in a file.
type builtExchange struct {
	request, response gowarc.WarcRecord
	responseID        string
	payloadDigest     string
	date              time.Time
	cdx               cdxEntry // without offset/length/filename
	warcinfoID        string
}

func (b *builtExchange) Close() {
	if b.request != nil {
		_ = b.request.Close()
	}
	if b.response != nil {
		_ = b.response.Close()
	}
}

// buildExchange validates ex and builds its request and response (or
// revisit) records.
func buildExchange(ex *Exchange, warcinfoID string) (*builtExchange, error) {
	if ex.TargetURI == "" {
		return nil, errors.New("warc: exchange without target URI")
	}
	if len(ex.Request) == 0 {
		return nil, fmt.Errorf("warc: %s: exchange without request bytes", ex.TargetURI)
	}
	raw, err := rawResponse(ex)
	if err != nil {
		return nil, fmt.Errorf("warc: %s: response header: %w", ex.TargetURI, err)
	}
	if _, err := parseStatusLine(string(raw[:max(0, bytes.IndexByte(raw, '\r'))])); err != nil {
		return nil, fmt.Errorf("warc: %s: %w", ex.TargetURI, err)
	}
	parsed, n, err := ParseResponse(raw)
	if err != nil {
		return nil, fmt.Errorf("warc: %s: %w", ex.TargetURI, err)
	}
	if n != len(raw) {
		return nil, fmt.Errorf("warc: %s: %d bytes after the end of the response", ex.TargetURI, len(raw)-n)
	}
	body, _ := io.ReadAll(parsed.Body) // a bytes.Reader
	status, header := parsed.StatusCode, parsed.Header
	head := raw[:bytes.Index(raw, []byte("\r\n\r\n"))+4] // ParseResponse found the end of the head
	date := ex.Start.UTC()
	if ex.Start.IsZero() {
		date = time.Now().UTC()
	}
	respID, err := newRecordID()
	if err != nil {
		return nil, err
	}
	reqID, err := newRecordID()
	if err != nil {
		return nil, err
	}

	out := &builtExchange{responseID: respID, date: date}

	// Response or revisit.
	var rb gowarc.WarcRecordBuilder
	notModified := false
	if ex.RevisitOf != nil {
		ref := ex.RevisitOf
		switch ex.Profile {
		case "", RevisitProfile:
		case NotModifiedProfile:
			notModified = true
		default:
			return nil, fmt.Errorf("warc: %s: unknown revisit profile %q", ex.TargetURI, ex.Profile)
		}
		if ref.PayloadDigest == "" && !notModified {
			return nil, fmt.Errorf("warc: %s: revisit target has no payload digest", ex.TargetURI)
		}
		if notModified && (ref.RecordID == "" || ref.Date.IsZero()) {
			return nil, fmt.Errorf("warc: %s: a not-modified revisit needs the record id and date of the capture it refers to", ex.TargetURI)
		}
		refURI := ref.TargetURI
		if refURI == "" {
			refURI = ex.TargetURI
		}
		rb = newBuilder(gowarc.Revisit)
		if notModified {
			rb.AddWarcHeader(gowarc.WarcProfile, NotModifiedProfile)
		} else {
			rb.AddWarcHeader(gowarc.WarcProfile, RevisitProfile)
		}
		rb.AddWarcHeader(gowarc.WarcRefersToTargetURI, refURI)
		rb.AddWarcHeaderTime(gowarc.WarcRefersToDate, ref.Date.UTC())
		if ref.RecordID != "" {
			rb.AddWarcHeader(gowarc.WarcRefersTo, ref.RecordID)
		}
		if notModified {
			// Heritrix's server-not-modified revisits carry the validators
			// the server confirmed.
			if v := header.Get("ETag"); v != "" {
				rb.AddWarcHeader("WARC-Etag", v)
			}
			if v := header.Get("Last-Modified"); v != "" {
				rb.AddWarcHeader("WARC-Last-Modified", v)
			}
		} else {
			rb.AddWarcHeader(gowarc.WarcPayloadDigest, ref.PayloadDigest)
		}
		// The Location handed out names the content's digest either way:
		// it is what the capture index links the revisit to its original by.
		out.payloadDigest = ref.PayloadDigest
	} else {
		// gowarc would take the payload digest over the chunked bytes;
		// WARC 1.1 takes it over the entity, transfer coding removed. Both
		// digests are ours, and gowarc is told not to second-guess them.
		rb = newTrustingBuilder(gowarc.Response)
		out.payloadDigest = PayloadDigest(body)
		rb.AddWarcHeader(gowarc.WarcPayloadDigest, out.payloadDigest)
		rb.AddWarcHeader(gowarc.WarcBlockDigest, PayloadDigest(raw))
	}
	rb.AddWarcHeader(gowarc.WarcRecordID, respID)
	rb.AddWarcHeaderTime(gowarc.WarcDate, date)
	rb.AddWarcHeader(gowarc.WarcTargetURI, ex.TargetURI)
	rb.AddWarcHeader(gowarc.WarcWarcinfoID, warcinfoID)
	if ex.RemoteIP != "" {
		rb.AddWarcHeader(gowarc.WarcIPAddress, ex.RemoteIP)
	}
	rb.AddWarcHeader(gowarc.ContentType, contentTypeResponse)
	block := raw
	if ex.RevisitOf != nil && !notModified {
		block = head
	}
	if _, err := rb.Write(block); err != nil {
		rb.Close()
		return nil, fmt.Errorf("warc: %s: %w", ex.TargetURI, err)
	}
	rec, _, err := rb.Build()
	if err != nil {
		return nil, fmt.Errorf("warc: %s: build response record: %w", ex.TargetURI, err)
	}
	out.response = rec
	// Request.
	qb := newBuilder(gowarc.Request)
	qb.AddWarcHeader(gowarc.WarcRecordID, reqID)
	qb.AddWarcHeaderTime(gowarc.WarcDate, date)
	qb.AddWarcHeader(gowarc.WarcTargetURI, ex.TargetURI)
	qb.AddWarcHeader(gowarc.WarcWarcinfoID, warcinfoID)
	if ex.RemoteIP != "" {
		qb.AddWarcHeader(gowarc.WarcIPAddress, ex.RemoteIP)
	}
	qb.AddWarcHeader(gowarc.WarcConcurrentTo, respID)
	qb.AddWarcHeader(gowarc.ContentType, contentTypeRequest)
	if _, err := qb.Write(ex.Request); err != nil {
		qb.Close()
		out.Close()
		return nil, fmt.Errorf("warc: %s: %w", ex.TargetURI, err)
	}
	qrec, _, err := qb.Build()
	if err != nil {
		out.Close()
		return nil, fmt.Errorf("warc: %s: build request record: %w", ex.TargetURI, err)
	}
	out.request = qrec

	mime := header.Get("Content-Type")
	digest := out.payloadDigest
	if ex.RevisitOf != nil {
		mime = "warc/revisit"
	}
	if notModified {
		digest = "" // as the record says: none
	}
	out.cdx = cdxEntry{
		url:    ex.TargetURI,
		date:   date,
		mime:   mime,
		status: status,
		digest: digest,
	}
	return out, nil
}

// parseStatusLine returns the status code of "HTTP/1.1 200 OK".
func parseStatusLine(line string) (int, error) {
	proto, rest, ok := strings.Cut(line, " ")
	if !ok || !strings.HasPrefix(proto, "HTTP/") {
		return 0, fmt.Errorf("malformed status line %q", line)
	}
	code, _, _ := strings.Cut(rest, " ")
	n, err := strconv.Atoi(code)
	if err != nil || n < 100 || n > 999 {
		return 0, fmt.Errorf("malformed status line %q", line)
	}
	return n, nil
}
