package articles

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// jsonl reads one JSON-lines file, one record per line.
func (run *readRun) jsonl(path string, src io.Reader, gz bool) error {
	lr := &lineReader{br: bufio.NewReaderSize(src, 64<<10), max: run.max}
	line := 0
	for {
		if err := run.ctx.Err(); err != nil {
			return err
		}
		b, tooLong, err := lr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			run.problem(path, line+1, readReason(err, gz))
			return nil
		}
		line++
		if tooLong {
			run.problem(path, line, fmt.Sprintf("line longer than the limit of %d bytes", run.max))
			continue
		}
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\uFEFF"))
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		doc, reason := parseJSONRecord(b)
		if reason != "" {
			run.problem(path, line, reason)
			continue
		}
		if err := run.record(path, line, doc); err != nil {
			return err
		}
	}
}

// lineReader splits a stream into lines without ever holding more than max
// bytes of one line, so an over-long line costs no more memory than a good one.
type lineReader struct {
	br  *bufio.Reader
	max int
	buf []byte
	err error // sticky: once the stream fails or ends, it stays so
}

// next returns the next line without its "\n" or "\r\n". tooLong reports a
// line longer than max, whose content was discarded. err is io.EOF at the
// end, or the error that broke the stream; the partial line is then dropped.
func (lr *lineReader) next() (line []byte, tooLong bool, err error) {
	if lr.err != nil {
		return nil, false, lr.err
	}
	lr.buf = lr.buf[:0]
	for {
		chunk, err := lr.br.ReadSlice('\n')
		if !tooLong {
			// +2 leaves room for the "\r\n" that is not part of the line.
			if len(lr.buf)+len(chunk) > lr.max+2 {
				tooLong = true
				lr.buf = lr.buf[:0]
			} else {
				lr.buf = append(lr.buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			lr.err = err
			if err != io.EOF {
				return nil, false, err
			}
			if len(lr.buf) == 0 && !tooLong {
				return nil, false, io.EOF
			}
		}
		break
	}
	b := bytes.TrimSuffix(lr.buf, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	if tooLong || len(b) > lr.max {
		return nil, true, nil
	}
	return b, false, nil
}
