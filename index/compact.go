package index

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// CompactMaxDocs is the largest bulk build the indexer compacts. The merge
// rewrites the whole index: 1.9 s after a 33 s build of 94,310 articles, but
// 6.4 minutes (10.9 GB peak RSS, mostly mapped segment files, and twice the
// disk) for the 11 GB index of a million synthesized articles that plain
// Bleve built in 21.
const CompactMaxDocs = 250_000

// compactRounds bounds Compact's merges. A round merges ten segments at a
// time, so two bring up to a hundred down to one; the others are for a
// segment still in memory, which Bleve merges only once it is on disk.
const compactRounds = 20

// Compact merges the index's segments into one and returns once the merged
// segment is in place. A search looks each of its words up in every segment
// and reads the postings segment by segment, so after a bulk build (seven
// segments for the peers' 94,310 articles) one segment answered the peers'
// queries about a tenth faster, and its dictionary is smaller: worth it once
// for an archive built in one go, not after every small addition, which
// Bleve's own merging handles.
func Compact(ctx context.Context, idx bleve.Index) error {
	ai, err := idx.Advanced()
	if err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	s, ok := ai.(*scorch.Scorch)
	if !ok {
		return fmt.Errorf("compact: %T is not a scorch index", ai)
	}
	// One ForceMerge is one round of Bleve's planner, which merges its
	// segments ten at a time: a build that left more than ten kept several
	// (two of 72 and 160 MB after 30,000 synthesized articles), and
	// awaitCleanup then waited its whole minute for one.
	for range compactRounds {
		if mem, files := rootSegments(s); mem+files <= 1 || ctx.Err() != nil {
			break
		} else if mem > 0 {
			time.Sleep(50 * time.Millisecond) // for the persister to write it
		}
		if err := s.ForceMerge(ctx, &mergeplan.SingleSegmentMergePlanOptions); err != nil {
			return fmt.Errorf("compact: %w", err)
		}
	}
	awaitCleanup(ctx, s)
	return nil
}

// rootSegments counts the segments of s's current snapshot in memory and on disk.
func rootSegments(s *scorch.Scorch) (mem, files uint64) {
	stats := s.StatsMap()
	mem, _ = stats["num_root_memorysegments"].(uint64)
	files, _ = stats["num_root_filesegments"].(uint64)
	return mem, files
}

// cleanupWait bounds how long Compact waits for the merged segments' files
// to be removed.
const cleanupWait = time.Minute

// awaitCleanup waits, within cleanupWait, until Bleve's persister has
// removed the files of the segments merged away, which it does when idle:
// an index closed at once kept them, twice its size on disk (14 GB for a
// 7 GB index at 1M articles) until the next open. The files are deleted
// either way; this only keeps a finished build from leaving them behind.
func awaitCleanup(ctx context.Context, s *scorch.Scorch) {
	deadline := time.Now().Add(cleanupWait)
	nudge := time.Now().Add(time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		files, _ := s.StatsMap()["CurOnDiskFiles"].(uint64)
		if files <= 2 { // the merged segment and root.bolt
			return
		}
		if time.Now().After(nudge) {
			// The persister removes old files once, as it goes idle: when a
			// snapshot still held them then, it waits for the next change
			// and they stay (a busy machine, a minute). Writing the format
			// record again, unchanged, is a change.
			rewriteFormat(s)
			nudge = time.Now().Add(time.Second)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// rewriteFormat stores the index's format record again as it is.
func rewriteFormat(s *scorch.Scorch) {
	r, err := s.Reader()
	if err != nil {
		return
	}
	v, err := r.GetInternal(formatKey)
	r.Close()
	if err == nil && v != nil {
		_ = s.SetInternal(formatKey, v)
	}
}
