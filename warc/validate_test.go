package warc

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govcorpus/govcorpus/warc/warctest"
)

// TestValidatorWarcioJS checks our output with an independent parser
// (warcio.js, scripts/warc-validate) and checks that the validator is able
// to fail: on a flipped byte, on a flipped payload byte in a well-formed
// gzip member, and on the whole-file-gzip trap.
func TestValidatorWarcioJS(t *testing.T) {
	validate := validator(t)
	s := newTestSite(t)
	dir := t.TempDir()
	w := openTest(t, dir, "val", Options{Info: map[string]string{"robots": "obey"}})
	_, rec1, _ := crawl(t, s, w, nil)
	// A second pass over the same pages adds revisits to the same file.
	crawl(t, s, w, func(uri, digest string) (Location, bool) {
		loc, ok := rec1.get(uri)
		return loc, ok && loc.PayloadDigest == digest
	})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	file := w.Files()[0]
	want := 1 + 2*2*crawlHops

	out, err := validate("--expect-records", itoa(want), file)
	if err != nil {
		t.Fatalf("validator rejected our WARC: %v\n%s", err, out)
	}
	var summary struct {
		OK      bool `json:"ok"`
		Records int  `json:"records"`
		Results []struct {
			Types map[string]int `json:"types"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &summary); err != nil {
		t.Fatalf("validator output: %v\n%s", err, out)
	}
	if !summary.OK || summary.Records != want || summary.Results[0].Types["revisit"] != crawlHops {
		t.Errorf("summary %+v", summary)
	}
	t.Logf("warcio.js: %d records %v", summary.Records, summary.Results[0].Types)

	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	bad := t.TempDir()

	// One byte flipped in the middle of the file.
	flipped := bytes.Clone(raw)
	flipped[len(flipped)/2] ^= 0x01
	mustFail(t, validate, filepath.Join(bad, "flipped.warc.gz"), flipped, "")

	// One payload byte flipped, each record still its own valid gzip
	// member: only the digests can catch it.
	var regz bytes.Buffer
	for _, r := range readAll(t, file) {
		data := recordBytes(r)
		if r.Header.Get("WARC-Target-URI") == s.srv.URL+"/doc.pdf" && r.Type() == "response" {
			data[len(data)-100] ^= 0x01
		}
		zw := gzip.NewWriter(&regz)
		zw.Write(data)
		zw.Close()
	}
	mustFail(t, validate, filepath.Join(bad, "payload.warc.gz"), regz.Bytes(), "Digest")
	// The second reader, gowarc, passes the good file and catches the
	// flipped payload byte too.
	if err := warctest.ReadGowarc(file); err != nil {
		t.Errorf("gowarc rejects our WARC: %v", err)
	}
	if err := warctest.ReadGowarc(filepath.Join(bad, "payload.warc.gz")); err == nil {
		t.Error("gowarc reader passed a flipped payload byte")
	} else {
		t.Logf("gowarc rejects the flipped byte: %v", err)
	}

	// The same records gzipped as one whole-file member.
	var whole bytes.Buffer
	zw := gzip.NewWriter(&whole)
	for _, r := range readAll(t, file) {
		zw.Write(recordBytes(r))
	}
	zw.Close()
	mustFail(t, validate, filepath.Join(bad, "whole.warc.gz"), whole.Bytes(), "gzip member")
}

// recordBytes re-serializes a record read back from a file.
func recordBytes(r *Record) []byte {
	var b bytes.Buffer
	b.WriteString(r.Version + "\r\n")
	for _, f := range r.Header {
		b.WriteString(f.Name + ": " + f.Value + "\r\n")
	}
	b.WriteString("\r\n")
	b.Write(r.Block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func mustFail(t *testing.T, validate func(...string) (string, error), path string, data []byte, wantMsg string) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := validate(path)
	if err == nil {
		t.Errorf("validator passed %s:\n%s", filepath.Base(path), out)
		return
	}
	if !strings.Contains(out, `"ok": false`) || !strings.Contains(out, wantMsg) {
		t.Errorf("validator on %s: %v, output lacks %q:\n%s", filepath.Base(path), err, wantMsg, out)
	}
	t.Logf("validator rejects %s as expected", filepath.Base(path))
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
