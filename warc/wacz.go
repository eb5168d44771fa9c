package warc

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"
)

// WACZOptions describe a package.
type WACZOptions struct {
	// Title names the collection in datapackage.json; ReplayWeb.page
	// shows it.
	Title string
}

// WACZVersion is the WACZ spec version written by WriteWACZ.
const WACZVersion = "1.1.1"

// PageEntry is one line of pages/pages.jsonl: a page a person would open,
// as opposed to every resource in the WARCs.
type PageEntry struct {
	// ID is optional; pages get "p<n>" when it is empty.
	ID    string
	URL   string
	TS    time.Time
	Title string
	// Text is optional extracted text, which ReplayWeb.page searches.
	Text string
}

type pageJSON struct {
	ID    string `json:"id"`
	URL   string `json:"url"`
	TS    string `json:"ts"`
	Title string `json:"title,omitempty"`
	Text  string `json:"text,omitempty"`
}

type waczResource struct {
	Name  string `json:"name"`
	Path  string `json:"path"`
	Hash  string `json:"hash"`
	Bytes int64  `json:"bytes"`
}

type dataPackage struct {
	Profile      string         `json:"profile"`
	WACZVersion  string         `json:"wacz_version"`
	Title        string         `json:"title,omitempty"`
	Created      string         `json:"created"`
	Software     string         `json:"software"`
	MainPageURL  string         `json:"mainPageURL,omitempty"`
	MainPageDate string         `json:"mainPageDate,omitempty"`
	Resources    []waczResource `json:"resources"`
}

// WriteWACZ packages warcFiles into a WACZ 1.1.1 file at out:
// archive/<name>.warc.gz (stored, not recompressed, so replay tools can
// range-read records at their CDXJ offsets), indexes/index.cdxj (from the
// .cdxj sidecars, or rebuilt from the WARC when one is missing),
// pages/pages.jsonl, datapackage.json with a sha256 for every file, and
// datapackage-digest.json. out is written atomically.
func WriteWACZ(out string, warcFiles []string, pages []PageEntry, opts WACZOptions) error {
	tmp := out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("warc: wacz %s: %w", out, err)
	}
	err = writeWACZ(f, warcFiles, pages, opts)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, out)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("warc: wacz %s: %w", out, err)
	}
	return nil
}

func writeWACZ(w io.Writer, warcFiles []string, pages []PageEntry, opts WACZOptions) error {
	zw := zip.NewWriter(w)
	now := time.Now().UTC()
	var resources []waczResource
	seen := map[string]bool{}
	var index []string

	for _, path := range warcFiles {
		name := filepath.Base(path)
		if seen[name] {
			return fmt.Errorf("two WARC files named %s", name)
		}
		seen[name] = true
		// Indexed anew rather than from the sidecar, which says nothing of
		// whether the file is whole: each record's digests are checked on
		// the way, so a cut or corrupt WARC is refused, not packaged with
		// records that replay wrong or not at all.
		lines, err := IndexFile(path)
		if err != nil {
			return err
		}
		res, err := storeFile(zw, path, "archive/"+name)
		if err != nil {
			return err
		}
		resources = append(resources, res)
		index = append(index, lines...)
	}
	slices.Sort(index)
	var idx bytes.Buffer
	for _, l := range index {
		idx.WriteString(l)
		idx.WriteByte('\n')
	}
	res, err := deflateBytes(zw, "indexes/index.cdxj", idx.Bytes(), now)
	if err != nil {
		return err
	}
	resources = append(resources, res)

	var pj bytes.Buffer
	enc := json.NewEncoder(&pj)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string]string{"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}); err != nil {
		return err
	}
	for i, p := range pages {
		id := p.ID
		if id == "" {
			id = "p" + strconv.Itoa(i+1)
		}
		if err := enc.Encode(pageJSON{ID: id, URL: p.URL, TS: p.TS.UTC().Format(time.RFC3339), Title: p.Title, Text: p.Text}); err != nil {
			return err
		}
	}
	res, err = deflateBytes(zw, "pages/pages.jsonl", pj.Bytes(), now)
	if err != nil {
		return err
	}
	resources = append(resources, res)

	dp := dataPackage{
		Profile:     "data-package",
		WACZVersion: WACZVersion,
		Title:       opts.Title,
		Created:     now.Format(time.RFC3339),
		Software:    "govcorpus",
		Resources:   resources,
	}
	if len(pages) > 0 {
		dp.MainPageURL = pages[0].URL
		dp.MainPageDate = pages[0].TS.UTC().Format(time.RFC3339)
	}
	dpBytes, err := json.MarshalIndent(dp, "", "  ")
	if err != nil {
		return err
	}
	dpRes, err := deflateBytes(zw, "datapackage.json", dpBytes, now)
	if err != nil {
		return err
	}
	digest, err := json.MarshalIndent(map[string]string{"path": "datapackage.json", "hash": dpRes.Hash}, "", "  ")
	if err != nil {
		return err
	}
	if _, err := deflateBytes(zw, "datapackage-digest.json", digest, now); err != nil {
		return err
	}
	return zw.Close()
}

// storeFile copies path into the zip uncompressed, dated by the file's
// modification time. Sizes and CRC are computed first and put in the local
// header (no data descriptor), which is the simplest layout for readers
// that seek straight to an entry.
func storeFile(zw *zip.Writer, path, name string) (waczResource, error) {
	f, err := os.Open(path)
	if err != nil {
		return waczResource{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return waczResource{}, err
	}
	crc := crc32.NewIEEE()
	sha := sha256.New()
	n, err := io.Copy(io.MultiWriter(crc, sha), f)
	if err != nil {
		return waczResource{}, fmt.Errorf("read %s: %w", path, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return waczResource{}, err
	}
	hdr := &zip.FileHeader{
		Name:               name,
		Method:             zip.Store,
		CRC32:              crc.Sum32(),
		CompressedSize64:   uint64(n),
		UncompressedSize64: uint64(n),
	}
	// CreateRaw, unlike CreateHeader, writes the header's MS-DOS date
	// fields as they are: without this every entry reads 1980-00-00.
	hdr.SetModTime(st.ModTime()) //nolint:staticcheck // the only setter of the MS-DOS fields
	zf, err := zw.CreateRaw(hdr)
	if err != nil {
		return waczResource{}, err
	}
	m, err := io.Copy(zf, f)
	if err != nil {
		return waczResource{}, fmt.Errorf("copy %s: %w", path, err)
	}
	if m != n {
		return waczResource{}, fmt.Errorf("%s changed while packaging (%d != %d bytes)", path, m, n)
	}
	return waczResource{
		Name:  filepath.Base(name),
		Path:  name,
		Hash:  "sha256:" + hex.EncodeToString(sha.Sum(nil)),
		Bytes: n,
	}, nil
}

func deflateBytes(zw *zip.Writer, name string, data []byte, mod time.Time) (waczResource, error) {
	zf, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: mod})
	if err != nil {
		return waczResource{}, err
	}
	if _, err := zf.Write(data); err != nil {
		return waczResource{}, err
	}
	sum := sha256.Sum256(data)
	return waczResource{
		Name:  filepath.Base(name),
		Path:  name,
		Hash:  "sha256:" + hex.EncodeToString(sum[:]),
		Bytes: int64(len(data)),
	}, nil
}
