package extract

import (
	"bytes"
	"fmt"
)

// Servers send PDFs, images, archives and broken gzip as text/html. Such a
// body is told by its magic number, or by the control bytes that text
// never holds, in its opening bytes.
const (
	// binarySniffBytes: the opening bytes read; a page's first 8 KiB
	// (where Go's own content sniffer looks) already tell.
	binarySniffBytes = 8 << 10
	// binaryMaxControlShare: text has tabs and newlines, almost never
	// other C0 control bytes; more than this share of them is no text.
	binaryMaxControlShare = 0.02
)

// magics are the openings of common binary formats that servers label
// text/html.
var magics = []struct {
	prefix, name string
}{
	{"%PDF-", "PDF"}, {"\x89PNG", "PNG"}, {"GIF8", "GIF"}, {"\xff\xd8\xff", "JPEG"},
	{"PK\x03\x04", "ZIP"}, {"\x1f\x8b", "gzip"}, {"Rar!", "RAR"}, {"\xd0\xcf\x11\xe0", "MS Office"},
	{"\x7fELF", "ELF"}, {"MZ", "executable"}, {"RIFF", "RIFF media"}, {"\x00\x00\x01\x00", "icon"},
}

// binaryBody returns why a body is not text ("binary body (PDF)"), or ""
// when it is text.
func binaryBody(b []byte) string {
	head := b[:min(len(b), binarySniffBytes)]
	if bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff")) {
		return "" // UTF-16 text, whose NUL bytes are half its letters
	}
	trimmed := bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf")
	for _, m := range magics {
		if bytes.HasPrefix(trimmed, []byte(m.prefix)) {
			return fmt.Sprintf("binary body (%s)", m.name)
		}
	}
	control := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			control++
		}
	}
	if len(head) > 0 && float64(control) > binaryMaxControlShare*float64(len(head)) {
		return "binary body"
	}
	return ""
}
