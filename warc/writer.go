package warc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	// klauspost's gzip writes the same format as compress/gzip about three
	// times faster, and compression is most of the cost of archiving.
	"github.com/klauspost/compress/gzip"
	gowarc "github.com/nlnwa/gowarc/v3"
)

// DefaultMaxSize is the size at which a WARC file is rotated when
// Options.MaxSize is zero: 1 GB, the size WARC 1.1 annex C recommends.
const DefaultMaxSize = 1 << 30

// ErrClosed is returned by WriteExchange after Close.
var ErrClosed = errors.New("warc: writer closed")

// ExchangeWriter is what RecordingTransport needs from an archive. *Writer
// is the file-backed one; a remote store can implement it later without
// the crawler noticing.
type ExchangeWriter interface {
	WriteExchange(ctx context.Context, ex Exchange) (Location, error)
}

// Options configure a Writer. The zero value is usable.
type Options struct {
	// MaxSize rotates to a new file before a write would take the current
	// one past it. Zero means DefaultMaxSize. A single exchange larger than
	// MaxSize still gets written, alone in its file.
	MaxSize int64
	// Software goes into the warcinfo record, e.g. "govcorpus/1.2.0".
	// Empty means "govcorpus/dev".
	Software string
	// Info holds extra warcinfo fields, written sorted by name: crawl
	// flags, robots policy, operator, etc.
	Info map[string]string
	// GzipLevel is the compression level of each record's member; zero
	// means gzip.DefaultCompression.
	GzipLevel int
	// SyncEveryWrite fsyncs after every exchange, so that a power loss (not
	// only a process crash) cannot lose acknowledged records. It costs
	// about one disk flush per page.
	SyncEveryWrite bool
	// Logger receives rotation and recovery events; nil means
	// slog.Default().
	Logger *slog.Logger
}

// Writer appends exchanges to rotating DIR/<prefix>-<timestamp>-<serial>.warc.gz
// files. It is safe for concurrent use: records are built and compressed
// in the caller's goroutine and only the file append is serialized.
//
// Each file starts with a warcinfo record and is closed with an fsync and a
// sorted CDXJ index beside it (<file>.cdxj). A file without its index was
// not closed cleanly; Open repairs and indexes it.
type Writer struct {
	dir, prefix string
	opts        Options
	log         *slog.Logger
	marshaler   gowarc.Marshaler
	gzPool      sync.Pool

	// sem is a one-slot lock that WriteExchange can give up waiting for
	// when its context ends; it guards every field below.
	sem     chan struct{}
	f       *os.File
	path    string
	size    int64
	records int
	index   []string
	serial  int
	files   []string
	closed  bool
	err     error // sticky: the current file could not be repaired
	// infoID is the WARC-Record-ID of the open file's warcinfo record, or
	// of the next file's when none is open: every record names it in
	// WARC-Warcinfo-ID. Records are built before the lock is taken, so
	// it is also kept in info for reading without the lock.
	infoID string
	info   atomic.Pointer[string]
	cuts   []Cut // set by Open, read-only after
}

// Open prepares a Writer for dir (created if missing). Files with the same
// prefix left by an earlier run keep their serial numbers; one that was not
// closed cleanly is truncated back to its last complete record and indexed.
// The first file is created on the first write.
func Open(dir, prefix string, opts Options) (*Writer, error) {
	if prefix == "" || strings.ContainsAny(prefix, `/\`) {
		return nil, fmt.Errorf("warc: invalid file prefix %q", prefix)
	}
	if opts.MaxSize <= 0 {
		opts.MaxSize = DefaultMaxSize
	}
	if opts.Software == "" {
		opts.Software = "govcorpus/dev"
	}
	if opts.GzipLevel == 0 {
		opts.GzipLevel = gzip.DefaultCompression
	}
	if opts.GzipLevel < gzip.HuffmanOnly || opts.GzipLevel > gzip.BestCompression {
		return nil, fmt.Errorf("warc: invalid gzip level %d", opts.GzipLevel)
	}
	for k := range opts.Info {
		if k == "" || strings.ContainsAny(k, ": \t\r\n") {
			return nil, fmt.Errorf("warc: invalid warcinfo field name %q", k)
		}
	}
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("warc: %w", err)
	}
	if err := probeWritable(dir); err != nil {
		return nil, err
	}
	w := &Writer{
		dir:       dir,
		prefix:    prefix,
		opts:      opts,
		log:       log,
		marshaler: gowarc.NewMarshaler(),
		sem:       make(chan struct{}, 1),
	}
	w.gzPool.New = func() any {
		zw, _ := gzip.NewWriterLevel(io.Discard, opts.GzipLevel) // level checked above
		return zw
	}
	if err := w.recover(); err != nil {
		return nil, err
	}
	if err := w.nextInfoID(); err != nil {
		return nil, err
	}
	return w, nil
}

// nextInfoID draws the warcinfo record id of the next file.
func (w *Writer) nextInfoID() error {
	id, err := newRecordID()
	if err != nil {
		return err
	}
	w.infoID = id
	w.info.Store(&id)
	return nil
}

// probePattern names the file Open writes and removes in the archive
// folder. The first WARC file is only created on the first write, so
// without the probe a folder that cannot be written would be found only
// after every fetch had failed.
const probePattern = ".govcorpus-probe-*"

// probeWritable creates, writes and removes a file in dir.
func probeWritable(dir string) error {
	f, err := os.CreateTemp(dir, probePattern)
	if err != nil {
		return fmt.Errorf("warc: folder %s is not writable: %w", dir, err)
	}
	_, werr := f.Write([]byte("probe\n"))
	cerr := f.Close()
	rerr := os.Remove(f.Name())
	if err := errors.Join(werr, cerr, rerr); err != nil {
		return fmt.Errorf("warc: folder %s is not writable: %w", dir, err)
	}
	return nil
}

var fileNameRE = regexp.MustCompile(`^(.+)-(\d{14})-(\d{5,})\.warc\.gz$`)

// recover finds the highest serial in use and repairs and indexes every
// file of ours that has no index, i.e. was being written when a process
// died.
func (w *Writer) recover() error {
	entries, err := os.ReadDir(w.dir)
	if err != nil {
		return fmt.Errorf("warc: %w", err)
	}
	for _, e := range entries {
		m := fileNameRE.FindStringSubmatch(e.Name())
		if m == nil || m[1] != w.prefix || !e.Type().IsRegular() {
			continue
		}
		serial, err := strconv.Atoi(m[3])
		if err != nil {
			continue
		}
		w.serial = max(w.serial, serial)
		path := filepath.Join(w.dir, e.Name())
		if w.indexCovers(path) {
			continue
		}
		if err := w.repair(path); err != nil {
			return err
		}
	}
	return nil
}

// indexCovers reports whether path was closed cleanly and is whole: it
// has its index, and is not shorter than the records the index lists (a
// file cut by a copy or a full disk after it was closed).
func (w *Writer) indexCovers(path string) bool {
	lines, err := readCDXJ(path + ".cdxj")
	if err != nil {
		return false
	}
	st, err := os.Stat(path)
	if err != nil {
		return false
	}
	end, err := indexedEnd(lines)
	if err != nil {
		w.log.Warn("warc: unreadable index; rebuilding it", "file", path+".cdxj", "error", err)
		return false
	}
	return st.Size() >= end
}

// Cut is a region a repair removed from the end of a WARC file: every
// record at or after Offset in File is gone (Offset 0: the whole file).
// Whatever pointed there must be forgotten and fetched again.
type Cut struct {
	File   string
	Offset int64
}

// Cuts returns the regions Open cut off files it repaired.
func (w *Writer) Cuts() []Cut { return slices.Clone(w.cuts) }

// repair truncates path after its last complete record and writes its
// index. A file with no complete record at all is removed.
func (w *Writer) repair(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("warc: repair: %w", err)
	}
	defer f.Close()
	var lines []string
	var good int64
	ms := newMemberScanner(f, 0)
	var scanErr error
	for {
		data, off, length, err := ms.next()
		if err == io.EOF {
			break
		}
		var rec *Record
		if err == nil {
			rec, err = parseRecord(data)
		}
		if err != nil {
			scanErr = fmt.Errorf("at offset %d: %w", off, err)
			break
		}
		rec.File, rec.Offset, rec.Length = path, off, length
		// A request is only kept once the response (or revisit) written
		// after it is complete: an orphan request would leave a
		// WARC-Concurrent-To pointing nowhere.
		if rec.Type() != "request" {
			good = off + length
		}
		if e, ok := cdxFromRecord(rec); ok {
			l, err := e.line()
			if err != nil {
				return fmt.Errorf("warc: repair %s: %w", path, err)
			}
			lines = append(lines, l)
		}
	}
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("warc: repair %s: %w", path, err)
	}
	if scanErr != nil || st.Size() != good {
		if scanErr == nil {
			scanErr = errors.New("request record without its response")
		}
		w.log.Warn("warc: truncating torn record", "file", path, "size", st.Size(), "keep", good, "reason", scanErr)
		if err := f.Truncate(good); err != nil {
			return fmt.Errorf("warc: repair %s: %w", path, err)
		}
		w.cuts = append(w.cuts, Cut{File: path, Offset: good})
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("warc: repair %s: %w", path, err)
	}
	if good == 0 {
		w.log.Warn("warc: removing file with no complete record", "file", path)
		f.Close()
		if err := os.Remove(path); err != nil {
			return fmt.Errorf("warc: repair: %w", err)
		}
		// The stale index of a file cut after it was closed goes too.
		if err := os.Remove(path + ".cdxj"); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("warc: repair: %w", err)
		}
		return syncDir(w.dir)
	}
	return writeCDXJ(path+".cdxj", lines)
}

func (w *Writer) lock(ctx context.Context) error {
	select {
	case w.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (w *Writer) unlock() { <-w.sem }

// encode marshals rec into its own gzip member.
func (w *Writer) encode(rec gowarc.WarcRecord) ([]byte, error) {
	var buf bytes.Buffer
	zw := w.gzPool.Get().(*gzip.Writer)
	defer w.gzPool.Put(zw)
	zw.Reset(&buf)
	if _, _, err := w.marshaler.Marshal(zw, rec, 0); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteExchange appends the request record and the response (or revisit)
// record of ex, adjacent and in that order, and returns where the response
// or revisit record is.
func (w *Writer) WriteExchange(ctx context.Context, ex Exchange) (Location, error) {
	if err := ctx.Err(); err != nil {
		return Location{}, err
	}
	// Built and compressed before the lock, so that workers compress in
	// parallel; built again under it in the rare case the file rotated
	// meanwhile and the records would name the wrong warcinfo.
	b, reqGz, respGz, err := w.build(&ex, *w.info.Load())
	if err != nil {
		return Location{}, err
	}

	if err := w.lock(ctx); err != nil {
		return Location{}, err
	}
	defer w.unlock()
	if w.closed {
		return Location{}, ErrClosed
	}
	if w.err != nil {
		return Location{}, w.err
	}
	need := int64(len(reqGz) + len(respGz))
	if w.f != nil && w.records > 0 && w.size+need > w.opts.MaxSize {
		if err := w.closeCurrent(); err != nil {
			return Location{}, err
		}
	}
	if w.f == nil {
		if err := w.openNext(); err != nil {
			return Location{}, err
		}
	}
	if b.warcinfoID != w.infoID {
		if b, reqGz, respGz, err = w.build(&ex, w.infoID); err != nil {
			return Location{}, err
		}
	}
	off := w.size
	if err := w.append(reqGz, respGz); err != nil {
		return Location{}, fmt.Errorf("warc: %s: %w", ex.TargetURI, err)
	}
	loc := Location{
		File:          w.path,
		Offset:        off + int64(len(reqGz)),
		Length:        int64(len(respGz)),
		PayloadDigest: b.payloadDigest,
		Date:          b.date,
		TargetURI:     ex.TargetURI,
		RecordID:      b.responseID,
	}
	e := b.cdx
	e.offset, e.length, e.filename = loc.Offset, loc.Length, filepath.Base(w.path)
	if l, err := e.line(); err == nil {
		w.index = append(w.index, l)
	} else {
		w.log.Warn("warc: cannot index record", "url", ex.TargetURI, "err", err)
	}
	return loc, nil
}

// build builds ex's records naming warcinfoID and compresses each.
func (w *Writer) build(ex *Exchange, warcinfoID string) (b *builtExchange, reqGz, respGz []byte, err error) {
	b, err = buildExchange(ex, warcinfoID)
	if err != nil {
		return nil, nil, nil, err
	}
	defer b.Close()
	b.warcinfoID = warcinfoID
	if reqGz, err = w.encode(b.request); err != nil {
		return nil, nil, nil, fmt.Errorf("warc: %s: encode request: %w", ex.TargetURI, err)
	}
	if respGz, err = w.encode(b.response); err != nil {
		return nil, nil, nil, fmt.Errorf("warc: %s: encode response: %w", ex.TargetURI, err)
	}
	return b, reqGz, respGz, nil
}

// append writes members at the end of the current file. On a failed
// write it cuts the file back, so that a full disk leaves no torn record
// behind a later successful one.
func (w *Writer) append(members ...[]byte) error {
	start := w.size
	off := start
	for _, m := range members {
		n, err := w.f.WriteAt(m, off)
		off += int64(n)
		if err != nil {
			if terr := w.f.Truncate(start); terr != nil {
				w.err = fmt.Errorf("warc: %s: torn record after failed write (%v): %w", w.path, err, terr)
			}
			return fmt.Errorf("write %s: %w", w.path, err)
		}
	}
	if w.opts.SyncEveryWrite {
		if err := w.f.Sync(); err != nil {
			return fmt.Errorf("sync %s: %w", w.path, err)
		}
	}
	w.size = off
	w.records++
	return nil
}

// openNext creates the next file and writes its warcinfo record.
func (w *Writer) openNext() error {
	w.serial++
	name := fmt.Sprintf("%s-%s-%05d.warc.gz", w.prefix, Timestamp14(time.Now()), w.serial)
	path := filepath.Join(w.dir, name)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("warc: %w", err)
	}
	info, err := w.warcinfo(name)
	if err == nil {
		_, err = f.Write(info)
	}
	if err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("warc: %s: warcinfo: %w", path, err)
	}
	w.f, w.path, w.size, w.records, w.index = f, path, int64(len(info)), 0, nil
	w.files = append(w.files, path)
	w.log.Info("warc: new file", "file", path)
	return nil
}

func (w *Writer) warcinfo(name string) ([]byte, error) {
	// Written by hand rather than with gowarc.WarcFields, which would
	// capitalize the conventional lower-case names (software, format).
	var fields bytes.Buffer
	clean := strings.NewReplacer("\r", " ", "\n", " ")
	add := func(k, v string) { // names were checked by Open
		fmt.Fprintf(&fields, "%s: %s\r\n", k, clean.Replace(v))
	}
	add("software", w.opts.Software)
	add("format", "WARC File Format 1.1")
	add("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/")
	for _, k := range slices.Sorted(maps.Keys(w.opts.Info)) {
		add(k, w.opts.Info[k])
	}
	rb := newBuilder(gowarc.Warcinfo)
	rb.AddWarcHeader(gowarc.WarcRecordID, w.infoID)
	rb.AddWarcHeaderTime(gowarc.WarcDate, time.Now().UTC())
	rb.AddWarcHeader(gowarc.WarcFilename, name)
	rb.AddWarcHeader(gowarc.ContentType, gowarc.ApplicationWarcFields)
	if _, err := rb.Write(fields.Bytes()); err != nil {
		rb.Close()
		return nil, err
	}
	rec, _, err := rb.Build()
	if err != nil {
		return nil, err
	}
	defer rec.Close()
	return w.encode(rec)
}

// closeCurrent fsyncs and closes the current file, then writes its index.
// The index comes last on purpose: its presence marks a clean close.
func (w *Writer) closeCurrent() error {
	if w.f == nil {
		return nil
	}
	f, path, index := w.f, w.path, w.index
	w.f, w.index = nil, nil
	if err := w.nextInfoID(); err != nil {
		return err
	}
	err := f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("warc: close %s: %w", path, err)
	}
	if err := writeCDXJ(path+".cdxj", index); err != nil {
		return err
	}
	w.log.Info("warc: closed file", "file", path, "bytes", w.size, "exchanges", w.records)
	return nil
}

// Files returns the paths of the files this Writer has created, in order;
// the last one may still be open.
func (w *Writer) Files() []string {
	w.sem <- struct{}{}
	defer w.unlock()
	return slices.Clone(w.files)
}

// Close flushes, fsyncs and closes the current file and writes its index.
// It is safe to call more than once.
func (w *Writer) Close() error {
	w.sem <- struct{}{}
	defer w.unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	return w.closeCurrent()
}

// syncDir makes a rename or removal in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("warc: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("warc: sync %s: %w", dir, err)
	}
	return nil
}
