package cluster

import (
	"fmt"
	"hash/fnv"
)

// Names in NATS: one stream holds the log of every shard, one subject per
// shard, so a replica filters the shards it holds and the stream's sequence
// orders all writes.
const (
	streamName  = "SEARCHD_DOCS"
	docsSubject = "searchd.docs" // + ".<shard>"
	metaBucket  = "searchd_meta"
	// querySubject + ".<shard>.<verb>" reaches one replica of the shard
	// (queue group per shard): verbs search, doc and seq.
	querySubject = "searchd.q"
	// appliedSubject + ".<shard>" carries a replica's applied sequence after
	// each batch, for writers waiting for visibility.
	appliedSubject = "searchd.applied"
)

// ShardOf is the virtual shard of a document id among n: FNV-1a, a hash
// every build and language agrees on, so the mapping never changes.
func ShardOf(id string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(n))
}

func docsSubjectOf(shard int) string { return fmt.Sprintf("%s.%d", docsSubject, shard) }

func queryOf(shard int, verb string) string {
	return fmt.Sprintf("%s.%d.%s", querySubject, shard, verb)
}

func queueOf(shard int) string { return fmt.Sprintf("shard-%d", shard) }

func appliedOf(shard int) string { return fmt.Sprintf("%s.%d", appliedSubject, shard) }
