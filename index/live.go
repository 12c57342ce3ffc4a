package index

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// WriteRetryInterval is how long after a failed write the index refuses
// further writes without trying them: each failure costs a reopen of the
// index, which a flood of writes to a full disk must not repeat back to back.
// The first write after it tries again, so service returns by itself once
// the cause is gone.
const WriteRetryInterval = time.Second

// ErrIndexUnavailable reports that the index is closed: a failed write
// closed it to drop what it could not persist, and reopening it from disk
// failed too (for instance no file handles are left). It is retried in the
// background.
var ErrIndexUnavailable = errors.New("index unavailable: reopening it after a failed write")

// Fault is why the index refuses writes for now: the last write failed.
type Fault struct {
	// DiskFull says the disk or quota is full (HTTP 507 rather than 503).
	DiskFull bool
	// Reason is short and for people: "disk full", "too many open files",
	// or the error itself.
	Reason string
	Err    error
	Since  time.Time
}

// WriteError is a write the index failed to persist, with what became of it.
type WriteError struct {
	Fault
	// MaybeApplied says the outcome is unknown: the index could not be
	// reopened to check. When false the write was certainly not applied: the
	// index was reopened from its last persisted snapshot and does not hold
	// it, or the write was refused before it was tried.
	MaybeApplied bool
}

func (e *WriteError) Error() string {
	outcome := "nothing was written"
	if e.MaybeApplied {
		outcome = "the write may or may not have been applied"
	}
	return fmt.Sprintf("write refused: %s (%v); %s", e.Reason, e.Err, outcome)
}

func (e *WriteError) Unwrap() error { return e.Err }

// FaultOf names the cause of a write error for people and says whether the
// disk is full. Bleve formats the errors of its persister with %v, so the
// cause is found in the message when errors.Is cannot see it.
func FaultOf(err error) Fault {
	f := Fault{Err: err, Since: time.Now(), Reason: err.Error()}
	has := func(errno syscall.Errno) bool {
		return errors.Is(err, errno) || strings.Contains(err.Error(), errno.Error())
	}
	switch {
	case has(syscall.ENOSPC), has(syscall.EDQUOT):
		f.DiskFull, f.Reason = true, "disk full"
	case has(syscall.EMFILE), has(syscall.ENFILE):
		f.Reason = "too many open files"
	case has(syscall.EFBIG):
		f.Reason = "file size limit reached"
	case has(syscall.EROFS):
		f.Reason = "file system is read-only"
	case has(syscall.EACCES), has(syscall.EPERM):
		f.Reason = "permission denied"
	case has(syscall.EIO):
		f.Reason = "I/O error"
	}
	return f
}

// liveIndex is the index a Searcher and its Writers share. A write Bleve
// fails to persist can leave the open index holding a segment it has
// closed (every later search then fails or panics inside Bleve), or holding
// a write it told its caller had failed; so a failed write closes the index
// and reopens it from its last persisted snapshot, which is then the truth.
type liveIndex struct {
	dir string // where idx was opened from; "": the caller owns idx, never closed here
	log *slog.Logger
	// mu is read-held by every use of idx and write-held to replace it, so
	// no search or write runs on an index being closed.
	mu      sync.RWMutex
	idx     bleve.Index
	open    bool   // false: idx is closed and reopening failed
	gen     uint64 // bumped by each reopen
	onSwap  func() // called with mu held after a reopen: drop what was read from the old index
	stop    chan struct{}
	retries sync.WaitGroup
	// dups are the duplicate clusters of idx's articles, shared by every
	// Writer of it so each new article meets all that were written before.
	dups dupClusters

	fmu      sync.Mutex
	fault    *Fault    // the last write's failure; nil once a write succeeds
	lastTry  time.Time // of the last failed write
	failures atomic.Uint64
}

func newLiveIndex(idx bleve.Index, dir string, log *slog.Logger) *liveIndex {
	return &liveIndex{idx: idx, dir: dir, log: log, open: true, stop: make(chan struct{})}
}

// acquire read-locks the index for one search or write; call release when
// done with it.
func (l *liveIndex) acquire() (idx bleve.Index, gen uint64, release func(), err error) {
	l.mu.RLock()
	if !l.open {
		l.mu.RUnlock()
		return nil, 0, nil, ErrIndexUnavailable
	}
	return l.idx, l.gen, l.mu.RUnlock, nil
}

// refusal returns the error a write gets without being tried: the last one
// failed less than WriteRetryInterval ago.
func (l *liveIndex) refusal() error {
	l.fmu.Lock()
	defer l.fmu.Unlock()
	if l.fault == nil || time.Since(l.lastTry) >= WriteRetryInterval {
		return nil
	}
	return &WriteError{Fault: *l.fault}
}

// succeeded records a persisted write: the fault, if any, is over.
func (l *liveIndex) succeeded() {
	l.fmu.Lock()
	defer l.fmu.Unlock()
	if l.fault != nil {
		l.log.Info("index writable again", "dir", l.dir, "after", l.fault.Reason)
		l.fault = nil
	}
}

// Fault returns why writes are refused now, or nil.
func (l *liveIndex) currentFault() *Fault {
	l.fmu.Lock()
	defer l.fmu.Unlock()
	if l.fault == nil {
		return nil
	}
	f := *l.fault
	return &f
}

// failed handles a write that Bleve failed on the index of generation gen:
// it records the fault, reopens the index from disk unless another failed
// write already did since, and asks applied, on the reopened index, whether
// the write is there. It returns nil when it is (the write is then durable),
// and a *WriteError saying what became of it otherwise.
func (l *liveIndex) failed(gen uint64, err error, applied func(bleve.Index) (bool, error)) error {
	f := FaultOf(err)
	l.failures.Add(1)
	l.fmu.Lock()
	if l.fault != nil {
		f.Since = l.fault.Since // the same outage goes on
	}
	l.fault, l.lastTry = &f, time.Now()
	l.fmu.Unlock()
	l.log.Error("write failed: reopening the index from disk", "dir", l.dir, "reason", f.Reason, "err", err)

	if l.dir == "" {
		// Not ours to close: the caller owns the index (NewWriter).
		return &WriteError{Fault: f, MaybeApplied: true}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.gen == gen && l.open {
		l.reopenLocked()
	}
	if !l.open {
		return &WriteError{Fault: f, MaybeApplied: true}
	}
	ok, aerr := applied(l.idx)
	switch {
	case aerr != nil:
		l.log.Error("check a failed write after reopening", "dir", l.dir, "err", aerr)
		return &WriteError{Fault: f, MaybeApplied: true}
	case ok:
		l.log.Warn("a failed write was persisted after all", "dir", l.dir)
		return nil
	}
	return &WriteError{Fault: f}
}

// reopenLocked closes the index and opens it again from disk; mu must be
// write-held. When opening fails the index stays closed and a background
// loop keeps trying.
func (l *liveIndex) reopenLocked() {
	l.gen++
	if l.onSwap != nil {
		l.onSwap()
	}
	if l.open {
		l.open = false
		if err := closeIndex(l.idx); err != nil {
			l.log.Warn("close the failed index", "dir", l.dir, "err", err)
		}
	}
	idx, err := OpenWritable(l.dir, BuildOptions{})
	if err != nil {
		l.log.Error("reopen index: retrying in the background", "dir", l.dir, "err", err)
		l.retries.Add(1)
		go l.retryOpen()
		return
	}
	l.idx, l.open = idx, true
	l.log.Info("index reopened from disk", "dir", l.dir)
}

// retryOpen reopens the closed index once opening succeeds, or until close.
func (l *liveIndex) retryOpen() {
	defer l.retries.Done()
	t := time.NewTicker(WriteRetryInterval)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
		}
		idx, err := OpenWritable(l.dir, BuildOptions{})
		if err != nil {
			continue
		}
		l.mu.Lock()
		l.idx, l.open = idx, true
		l.gen++
		l.mu.Unlock()
		l.log.Info("index reopened from disk", "dir", l.dir)
		return
	}
}

// closeIndex closes idx, turning a panic inside Bleve (a segment it closed
// already) into an error.
func closeIndex(idx bleve.Index) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("close index: panic: %v", v)
		}
	}()
	return idx.Close()
}

// stopRetrying ends a background reopen, for the Searcher's Close.
func (l *liveIndex) stopRetrying() {
	select {
	case <-l.stop:
	default:
		close(l.stop)
	}
	l.retries.Wait()
}

// close closes the index open now, if any; once.
func (l *liveIndex) close() error {
	l.stopRetrying()
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.open {
		return nil
	}
	l.open = false
	return l.idx.Close()
}
