// Package warc owns govcorpus's archival layer: it records every HTTP
// exchange the crawler makes into WARC 1.1 files, exactly as the bytes came
// off the wire, and makes those files usable by the web-archiving toolchain.
//
// The package owns:
//
//   - RecordingTransport: an http.RoundTripper that records at the
//     connection. Its dialer wraps each connection (TLS is done inside the
//     wrapper, so the plaintext is what is kept) and tees what it writes
//     and reads; a keep-alive connection's traffic is cut into exchanges
//     at each request written after a response was read (net/http never
//     pipelines). The response record's block is therefore the response
//     as sent: status line, header case, order and duplicates, chunked
//     framing and trailers. HTTP/2 is never negotiated. Every hop is
//     recorded (robots.txt and redirects included), and the caller gets
//     the body de-chunked and gzip-decoded, so Colly never sees, and never
//     writes, the wire bytes.
//   - Writer: rotating, crash-safe .warc.gz files, one gzip member per
//     record, request/response pairs linked by WARC-Concurrent-To, each
//     record naming its file's warcinfo in WARC-Warcinfo-ID. Digests are
//     sha1 base32: the block digest over the block, the payload digest
//     over the entity (transfer coding removed, content coding kept), as
//     WARC 1.1 defines it.
//   - Revisits of two profiles: identical-payload-digest (the same URI
//     answered the same bytes again: only the HTTP head is kept) and
//     server-not-modified (a 304 to a conditional request: the whole 304
//     is kept, with WARC-Refers-To, -Target-URI and -Date naming the
//     capture that holds the content, and WARC-Etag/-Last-Modified, as
//     Heritrix writes them).
//   - Reading: ReadRecordAt, Records, ParseResponse and
//     Record.HTTPResponse, for replaying a single capture (govcorpus
//     warc-get), CheckDigests and Verify, and ReadInfo for warcinfo.
//   - Indexing and packaging: a sorted CDXJ sidecar (<file>.cdxj) with the
//     SURT keys pywb and ReplayWeb.page look up, and WACZ 1.1.1 packages,
//     indexed anew with every digest checked, so a damaged file is refused.
//
// Records are built by github.com/nlnwa/gowarc/v3 (response records with
// the digests computed here, since gowarc would hash chunked framing into
// the payload digest); the file layout, offsets and recovery are done here
// so that every Location handed to the crawler points at a gzip member
// that can be read on its own.
package warc
