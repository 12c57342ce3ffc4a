package index

import (
	"fmt"
	"strconv"
	"sync"

	"github.com/blevesearch/bleve/v2"
)

// dupClusters gives each article written its duplicate cluster (FieldDup),
// keeping the band index of every indexed article's fingerprint: read from
// the index at the first write, then updated by each write, so an article
// arriving through the live-write API joins the cluster of a copy indexed
// long before. Safe for concurrent use: writers hold it from assignment
// until their batch is persisted, so two writes cannot race for one cluster.
type dupClusters struct {
	mu  sync.Mutex
	idx *dupIndex // nil until loaded, and after a failed write
}

// lock takes the clusters for one write, reading them from idx when they
// are not loaded. The caller calls unlock (or fail) when its batch is done.
func (c *dupClusters) lock(idx bleve.Index) (*dupIndex, error) {
	c.mu.Lock()
	if c.idx == nil {
		d, err := loadDupIndex(idx)
		if err != nil {
			c.mu.Unlock()
			return nil, err
		}
		c.idx = d
	}
	return c.idx, nil
}

// unlock ends a write; failed forgets the clusters, as the batch the
// write added to them may not be in the index: the next write reads them
// from the index again.
func (c *dupClusters) unlock(failed bool) {
	if failed {
		c.idx = nil
	}
	c.mu.Unlock()
}

// fingerprintOf reads back the fingerprint prepare stored in hex.
func fingerprintOf(doc *indexedDoc) uint64 {
	fp, _ := strconv.ParseUint(doc.SimHash, 16, 64)
	return fp
}

// loadDupIndex reads every indexed article's fingerprint and cluster from
// their doc values.
func loadDupIndex(idx bleve.Index) (*dupIndex, error) {
	d := newDupIndex()
	adv, err := idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("duplicate clusters: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("duplicate clusters: %w", err)
	}
	defer r.Close()
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("duplicate clusters: %w", err)
	}
	defer ids.Close()
	dvr, err := r.DocValueReader([]string{FieldDup, FieldSimHash})
	if err != nil {
		return nil, fmt.Errorf("duplicate clusters: %w", err)
	}
	for {
		n, err := ids.Next()
		if err != nil {
			return nil, fmt.Errorf("duplicate clusters: %w", err)
		}
		if n == nil {
			return d, nil
		}
		id, err := r.ExternalID(n)
		if err != nil {
			return nil, fmt.Errorf("duplicate clusters: %w", err)
		}
		var cluster string
		var fp uint64
		err = dvr.VisitDocValues(n, func(field string, term []byte) {
			if field == FieldDup {
				cluster = string(term)
			} else {
				fp, _ = strconv.ParseUint(string(term), 16, 64)
			}
		})
		if err != nil {
			return nil, fmt.Errorf("duplicate clusters: document %s: %w", id, err)
		}
		if cluster == "" {
			cluster = id
		}
		d.add(id, fp, cluster)
	}
}
