package warc

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestWriteWACZ(t *testing.T) {
	dir := t.TempDir()
	w := openTest(t, dir, "wacz", Options{MaxSize: 20 << 10})
	locs := writeN(t, w, 8)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files := w.Files()
	if len(files) < 2 {
		t.Fatalf("want several WARCs, got %d", len(files))
	}
	// A file without its sidecar gets indexed from the WARC itself.
	os.Remove(files[0] + ".cdxj")

	pages := []PageEntry{
		{URL: locs[0].TargetURI, TS: locs[0].Date, Title: "Sở Nội vụ tỉnh Hà Giang", Text: "tin tức"},
		{ID: "home", URL: locs[1].TargetURI, TS: locs[1].Date},
	}
	out := filepath.Join(dir, "crawl.wacz")
	before := time.Now().Add(-time.Hour)
	if err := WriteWACZ(out, files, pages, WACZOptions{Title: "Sở Nội vụ 2021"}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	entries := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		entries[f.Name] = b
		names = append(names, f.Name)
		if strings.HasPrefix(f.Name, "archive/") && f.Method != zip.Store {
			t.Errorf("%s is compressed (method %d); WARCs must be stored", f.Name, f.Method)
		}
		// MS-DOS dates have a 2 s resolution and no zone; the extended
		// timestamp Go also writes is exact. Both must be real.
		if f.Modified.Before(before) || f.ModifiedDate>>9+1980 < 2020 {
			t.Errorf("%s dated %v (MS-DOS date %d)", f.Name, f.Modified, f.ModifiedDate)
		}
	}
	for _, want := range []string{"datapackage.json", "datapackage-digest.json", "indexes/index.cdxj", "pages/pages.jsonl"} {
		if _, ok := entries[want]; !ok {
			t.Errorf("missing %s in %v", want, names)
		}
	}
	for _, f := range files {
		orig, _ := os.ReadFile(f)
		if !bytes.Equal(entries["archive/"+filepath.Base(f)], orig) {
			t.Errorf("archive/%s differs from %s", filepath.Base(f), f)
		}
	}

	var dp struct {
		Title       string `json:"title"`
		Profile     string `json:"profile"`
		WACZVersion string `json:"wacz_version"`
		Resources   []struct {
			Name, Path, Hash string
			Bytes            int64
		} `json:"resources"`
	}
	if err := json.Unmarshal(entries["datapackage.json"], &dp); err != nil {
		t.Fatal(err)
	}
	if dp.Title != "Sở Nội vụ 2021" || dp.Profile != "data-package" || dp.WACZVersion != "1.1.1" || len(dp.Resources) != len(files)+2 {
		t.Errorf("datapackage %+v", dp)
	}
	for _, r := range dp.Resources {
		sum := sha256.Sum256(entries[r.Path])
		if r.Hash != "sha256:"+hex.EncodeToString(sum[:]) || r.Bytes != int64(len(entries[r.Path])) {
			t.Errorf("%s: hash %s bytes %d do not match content", r.Path, r.Hash, r.Bytes)
		}
	}
	var digest struct{ Path, Hash string }
	json.Unmarshal(entries["datapackage-digest.json"], &digest)
	if sum := sha256.Sum256(entries["datapackage.json"]); digest.Hash != "sha256:"+hex.EncodeToString(sum[:]) {
		t.Errorf("datapackage-digest %+v", digest)
	}

	idx := strings.Split(strings.TrimSpace(string(entries["indexes/index.cdxj"])), "\n")
	if len(idx) != len(locs) || !slices.IsSorted(idx) {
		t.Errorf("index: %d lines, sorted=%v", len(idx), slices.IsSorted(idx))
	}
	// Every index line points into the packaged WARC at a readable record.
	for _, l := range idx {
		var j struct{ URL, Offset, Length, Filename string }
		json.Unmarshal([]byte(l[strings.Index(l, "{"):]), &j)
		if !strings.HasPrefix(l, SURT(j.URL)+" 2021101809") {
			t.Errorf("index key of %q", l)
		}
		r, err := ReadRecordAt(filepath.Join(dir, j.Filename), atoi64(t, j.Offset))
		if err != nil || r.Header.Get("WARC-Target-URI") != j.URL || r.Length != atoi64(t, j.Length) {
			t.Errorf("index line %q does not point at its record: %v", l, err)
		}
	}

	sc := bufio.NewScanner(bytes.NewReader(entries["pages/pages.jsonl"]))
	var lines []map[string]string
	for sc.Scan() {
		var m map[string]string
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, m)
	}
	if len(lines) != 3 || lines[0]["format"] != "json-pages-1.0" || lines[1]["title"] != pages[0].Title ||
		lines[1]["ts"] != pages[0].TS.Format(time.RFC3339) || lines[2]["id"] != "home" || lines[1]["id"] == "" {
		t.Errorf("pages.jsonl: %v", lines)
	}
}

func atoi64(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	if err := json.Unmarshal([]byte(s), &n); err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return n
}

// TestWACZRefusesDamagedWARC flips one payload byte inside a record whose
// gzip member stays valid: only the digests can tell, and wacz must refuse
// the file, naming it and the record's offset.
func TestWACZRefusesDamagedWARC(t *testing.T) {
	dir := t.TempDir()
	w := openUnchecked(t, dir, "bad", Options{}) // damaged on purpose
	locs := writeN(t, w, 4)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	file := w.Files()[0]
	var regz bytes.Buffer
	for _, r := range readAll(t, file) {
		data := recordBytes(r)
		if r.Offset == locs[2].Offset {
			data[len(data)-10] ^= 0x01 // in the body, before the closing CRLFCRLF
		}
		zw := gzip.NewWriter(&regz)
		zw.Write(data)
		zw.Close()
	}
	if err := os.WriteFile(file, regz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// Offsets shift with the new compression: find the damaged record's.
	var off int64 = -1
	for _, r := range readAll(t, file) {
		if r.Header.Get("WARC-Target-URI") == locs[2].TargetURI && r.Type() == "response" {
			off = r.Offset
		}
	}
	out := filepath.Join(dir, "bad.wacz")
	err := WriteWACZ(out, []string{file}, nil, WACZOptions{})
	if !errors.Is(err, ErrDigest) || !strings.Contains(err.Error(), file) || !strings.Contains(err.Error(), fmt.Sprintf("offset %d:", off)) {
		t.Fatalf("WriteWACZ of a damaged file: %v; want a digest error naming %s at offset %d", err, file, off)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a package was left behind: %v", err)
	}
	t.Logf("refused: %v", err)
}
