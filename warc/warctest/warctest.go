// Package warctest checks the WARC files tests write with readers that
// share no code with package warc, so that the writer is not graded by its
// own reader: warcio.js (the parser ReplayWeb.page uses; the validator in
// scripts/warc-validate) and nlnwa/gowarc's file reader.
package warctest

import (
	"bytes"
	"crypto/sha1"
	"encoding/base32"
	"fmt"
	"io"
	"net/http/httputil"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// Check runs both readers over files and fails t on any problem. extra are
// flags for the warcio.js validator (e.g. "--expect-records", "12").
func Check(t testing.TB, files []string, extra ...string) {
	t.Helper()
	if len(files) == 0 {
		return
	}
	if out, err := Validate(t, append(extra, files...)...); err != nil {
		t.Errorf("warcio.js validator: %v\n%s", err, out)
	}
	for _, f := range files {
		if err := ReadGowarc(f); err != nil {
			t.Errorf("gowarc reader: %v", err)
		}
	}
}

// Validate runs scripts/warc-validate/run.sh with args and returns its
// output. Without node and npm it returns "", nil after saying so, except
// in CI, which must have them.
func Validate(t testing.TB, args ...string) (string, error) {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("CI must validate WARCs with warcio.js, but %s is not installed", tool)
			}
			t.Logf("not validating with warcio.js: %s not found", tool)
			return "", nil
		}
	}
	cmd := exec.Command("bash", append([]string{Script()}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil && stderr.Len() > 0 {
		return string(out) + "\nstderr: " + stderr.String(), err
	}
	return string(out), err
}

// HaveNode reports whether the warcio.js validator can run.
func HaveNode() bool {
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			return false
		}
	}
	return true
}

// Script is the path of the warcio.js validator.
func Script() string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..", "..", "scripts", "warc-validate", "run.sh")
}

// ReadGowarc reads every record of file with gowarc, which checks syntax,
// the spec and block digests, and checks payload digests over the entity:
// gowarc hashes a chunked body with its framing, so for those the digest
// is recomputed here over the body de-chunked by net/http's reader.
func ReadGowarc(file string) error {
	r, err := gowarc.NewWarcFileReader(file, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn), gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithBlockErrorPolicy(gowarc.ErrWarn))
	if err != nil {
		return err
	}
	defer r.Close()
	n := 0
	var end int64
	for rec, err := range r.Records() {
		if err != nil {
			return fmt.Errorf("%s: after %d records: %w", file, n, err)
		}
		n++
		if rec.Offset != end {
			return fmt.Errorf("%s: record %d at %d, the previous one ended at %d", file, n, rec.Offset, end)
		}
		end = rec.Offset + rec.Size
		if err := checkRecord(rec); err != nil {
			rec.Close()
			return fmt.Errorf("%s: record %d at %d: %w", file, n, rec.Offset, err)
		}
		rec.Close()
	}
	st, err := os.Stat(file)
	if err != nil {
		return err
	}
	if end != st.Size() {
		return fmt.Errorf("%s: records end at %d of %d bytes", file, end, st.Size())
	}
	return nil
}

func checkRecord(rec gowarc.Record) error {
	wr := rec.WarcRecord
	chunked := false
	if hb, ok := wr.Block().(gowarc.ProtocolHeaderBlock); ok {
		chunked = bytes.Contains(bytes.ToLower(hb.ProtocolHeaderBytes()), []byte("\r\ntransfer-encoding: chunked"))
	}
	for _, v := range rec.Validation {
		if chunked && strings.HasPrefix(v.Error(), "payload:") {
			continue // checked below
		}
		return fmt.Errorf("%s %s: %w", wr.Type(), wr.WarcHeader().Get(gowarc.WarcTargetURI), v)
	}
	if !chunked || wr.Type() != gowarc.Response {
		return nil
	}
	pb, ok := wr.Block().(gowarc.PayloadBlock)
	if !ok {
		return fmt.Errorf("response without a payload block")
	}
	payload, err := pb.PayloadBytes()
	if err != nil {
		return err
	}
	entity, err := io.ReadAll(httputil.NewChunkedReader(payload))
	if err != nil {
		return fmt.Errorf("chunked body: %w", err)
	}
	want := wr.WarcHeader().Get(gowarc.WarcPayloadDigest)
	if got := sha1Base32(entity); !strings.EqualFold(strings.TrimRight(got, "="), strings.TrimRight(want, "=")) {
		return fmt.Errorf("WARC-Payload-Digest %s, the entity hashes to %s", want, got)
	}
	return nil
}

func sha1Base32(b []byte) string {
	sum := sha1.Sum(b)
	return "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
}
