package articles

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// DefaultMaxDocBytes is the largest record or article a zero Reader accepts.
const DefaultMaxDocBytes = 16 << 20

// Record is one document read from input, with where it came from.
type Record struct {
	Doc  Document
	File string // path of the input file as walked
	Line int    // line of the record in File; always 1 for .txt articles
}

// Reader reads article files (.txt) and JSON-lines files (.jsonl, .ndjson),
// optionally gzipped; the zero value is usable with defaults.
type Reader struct {
	MaxDocBytes int // largest accepted record/article in bytes; 0 means DefaultMaxDocBytes (16 MiB)
}

// inputKind says how a file's content is laid out.
type inputKind int

const (
	kindNone  inputKind = iota // not an input file
	kindTxt                    // one article per file
	kindJSONL                  // one JSON object per line
)

// classify tells the kind of a file from its name, case-insensitively, and
// whether it is gzipped.
func classify(name string) (kind inputKind, gz bool) {
	lower := strings.ToLower(name)
	if s, ok := strings.CutSuffix(lower, ".gz"); ok {
		lower, gz = s, true
	}
	switch {
	case strings.HasSuffix(lower, ".txt"):
		return kindTxt, gz
	case strings.HasSuffix(lower, ".jsonl"), strings.HasSuffix(lower, ".ndjson"):
		return kindJSONL, gz
	}
	return kindNone, false
}

// readRun is the state of one Read or ReadStream call.
type readRun struct {
	ctx     context.Context
	max     int
	emit    func(Record) error
	reject  func(Problem)
	stats   ReadStats
	visited []os.FileInfo // directories already walked, to survive symlink loops
}

// start begins one Read or ReadStream call with r's limit.
func (r Reader) start(ctx context.Context, emit func(Record) error, reject func(Problem)) *readRun {
	run := &readRun{ctx: ctx, max: r.MaxDocBytes, emit: emit, reject: reject}
	if run.max <= 0 {
		run.max = DefaultMaxDocBytes
	}
	return run
}

// Read walks inputs in order (directories recursively, entries sorted by
// name), calls emit for each good record and reject for each bad one. It
// returns early only when ctx is cancelled or emit returns an error.
func (r Reader) Read(ctx context.Context, inputs []string, emit func(Record) error, reject func(Problem)) (ReadStats, error) {
	run := r.start(ctx, emit, reject)
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return run.stats, err
		}
		fi, err := os.Stat(in)
		if err != nil {
			run.problem(in, 0, osReason(err))
			continue
		}
		if fi.IsDir() {
			err = run.dir(in, fi)
		} else if kind, gz := classify(in); kind == kindNone {
			run.problem(in, 0, "unsupported input: want .txt, .jsonl or .ndjson, optionally gzipped (.gz)")
		} else {
			err = run.file(in, kind, gz)
		}
		if err != nil {
			return run.stats, err
		}
	}
	return run.stats, nil
}

// ReadStream reads JSON lines from in, as from a .jsonl file called name, with
// the same validation and limits as Read; searchd uses it for request bodies.
// Problems name the line in the stream. It returns early only when ctx is
// cancelled or emit returns an error.
func (r Reader) ReadStream(ctx context.Context, name string, in io.Reader, emit func(Record) error, reject func(Problem)) (ReadStats, error) {
	run := r.start(ctx, emit, reject)
	err := run.jsonl(name, in, false)
	return run.stats, err
}

// problem reports one rejected record or input.
func (run *readRun) problem(file string, line int, reason string) {
	run.stats.Rejected++
	if run.reject != nil {
		run.reject(Problem{File: file, Line: line, Reason: reason})
	}
}

// record hands one good document to emit.
func (run *readRun) record(file string, line int, doc Document) error {
	if run.emit != nil {
		if err := run.emit(Record{Doc: doc, File: file, Line: line}); err != nil {
			return fmt.Errorf("%s:%d: %w", file, line, err)
		}
	}
	run.stats.Records++
	return nil
}

// dir walks one directory; fi is its (symlink-resolved) info.
func (run *readRun) dir(path string, fi os.FileInfo) error {
	for _, v := range run.visited {
		if os.SameFile(v, fi) {
			return nil // a symlink loop or a second link to a directory already read
		}
	}
	run.visited = append(run.visited, fi)
	entries, err := os.ReadDir(path)
	if err != nil {
		// ReadDir still returns what it read before failing; read those.
		run.problem(path, 0, osReason(err))
	}
	for _, e := range entries {
		if err := run.ctx.Err(); err != nil {
			return err
		}
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(path, name)
		kind, gz := classify(name)
		if e.Type()&fs.ModeSymlink == 0 && !e.IsDir() {
			if kind == kindNone || !e.Type().IsRegular() {
				run.stats.Skipped++
				continue
			}
			if err := run.file(p, kind, gz); err != nil {
				return err
			}
			continue
		}
		target, err := os.Stat(p)
		if err != nil {
			run.problem(p, 0, osReason(err))
			continue
		}
		switch {
		case target.IsDir():
			err = run.dir(p, target)
		case kind == kindNone || !target.Mode().IsRegular():
			run.stats.Skipped++
		default:
			err = run.file(p, kind, gz)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// file reads one input file of a known kind.
func (run *readRun) file(path string, kind inputKind, gz bool) error {
	f, err := os.Open(path)
	if err != nil {
		run.problem(path, 0, osReason(err))
		return nil
	}
	defer f.Close()
	if kind == kindTxt && !gz {
		// Refuse oversized articles before reading them.
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > int64(run.max) {
			run.problem(path, 1, fmt.Sprintf("article is %d bytes, more than the limit of %d", st.Size(), run.max))
			return nil
		}
	}
	var src io.Reader = f
	if gz {
		zr, err := gzip.NewReader(bufio.NewReaderSize(f, 64<<10))
		if err != nil {
			run.problem(path, 1, "corrupt gzip stream: "+err.Error())
			return nil
		}
		defer zr.Close()
		src = zr
	}
	if kind == kindTxt {
		return run.txt(path, src, gz)
	}
	return run.jsonl(path, src, gz)
}
