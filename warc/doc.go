// Package warc owns govcorpus's archival layer: it records every HTTP
// exchange the crawler makes into WARC 1.1 files, exactly as the bytes came
// off the wire, and makes those files usable by the web-archiving toolchain.
//
// The package owns:
//
//   - Writer: rotating, crash-safe .warc.gz files, one gzip member per
//     record, sha1 base32 block and payload digests, request/response pairs
//     linked by WARC-Concurrent-To, and identical-payload-digest revisits.
//   - RecordingTransport: an http.RoundTripper that captures every hop
//     (robots.txt and redirects included) before handing the caller a
//     decoded body, so that Colly never sees, and never writes, the
//     compressed wire bytes.
//   - Reading: ReadRecordAt, Records and Record.HTTPResponse, for replaying a
//     single capture (govcorpus warc-get) and for the tests.
//   - Indexing and packaging: a sorted CDXJ sidecar (<file>.cdxj) with the
//     SURT keys pywb and ReplayWeb.page look up, and WACZ 1.1.1 packages.
//
// Records are built and digested by github.com/nlnwa/gowarc/v3; the file
// layout, offsets and recovery are done here so that every Location handed
// to the crawler points at a gzip member that can be read on its own.
package warc
