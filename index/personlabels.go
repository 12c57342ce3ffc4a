package index

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsearch/bilingual/entities"
)

// The names of the people the gazetteer lacks are kept in Bleve's internal
// values, in peopleShards values of many people each. One value a person,
// as indexes before this kept them (personKey, still read), made every
// write slower as people were found: Bleve copies every internal value
// into each snapshot and writes them all to its root file at each persist,
// and with 20,000 of them a one-article batch took 405 ms instead of 12
// (41 ms with the same bytes in 256 values). A million synthesized articles
// name that many and more.
const peopleShards = 256

// peopleKey is the internal key of one shard of the people's labels.
func peopleKey(shard uint32) []byte { return fmt.Appendf(nil, "people:%02x", shard) }

// peopleShard is the shard that holds the labels of the person with id.
func peopleShard(id string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(id))
	return h.Sum32() % peopleShards
}

// personKey is where indexes built before the shards kept one person's labels.
func personKey(id string) []byte { return []byte("person:" + id) }

// personRecord is what the index keeps of a generated person: the names
// that label it. The JSON field names are those of entities.Person, which
// the one-person values held.
type personRecord struct {
	ID     string
	NameEn string `json:",omitempty"`
	NameHi string `json:",omitempty"`
}

// internalReader reads Bleve's internal keys (a bleve.Index does).
type internalReader interface {
	GetInternal(key []byte) ([]byte, error)
}

// readShard decodes a shard value; an empty or unreadable one holds no one.
func readShard(raw []byte) map[string]personRecord {
	var recs []personRecord
	_ = json.Unmarshal(raw, &recs) // a shard that cannot be read is written anew
	m := make(map[string]personRecord, len(recs))
	for _, r := range recs {
		m[r.ID] = r
	}
	return m
}

// legacyPersonRecord reads id's one-person value, if any.
func legacyPersonRecord(idx internalReader, id string) (personRecord, bool, error) {
	raw, err := idx.GetInternal(personKey(id))
	if err != nil || raw == nil {
		return personRecord{}, false, err
	}
	var p personRecord
	if json.Unmarshal(raw, &p) != nil || p.ID != id {
		return personRecord{}, false, nil
	}
	return p, true, nil
}

// personLabels gathers the names of the generated people one batch names
// and merges them with what the index already holds, so one person keeps
// one record whichever articles name them and in what order: a name stored
// stays (a label does not change as articles arrive), and a script the
// record lacks is filled from the first article that has it (an official
// first seen in Hindi gets an English label when an English report names
// him). Bleve keeps the last SetInternal of a key in a batch, so the merge
// happens here, not there.
type personLabels struct {
	idx     internalReader
	shards  map[uint32]map[string]personRecord // the shards read so far, as merged
	changed map[uint32]bool
}

func newPersonLabels(idx internalReader) *personLabels {
	return &personLabels{idx: idx, shards: map[uint32]map[string]personRecord{}, changed: map[uint32]bool{}}
}

// add merges the names of u into its record.
func (l *personLabels) add(u entities.Person) error {
	sh := peopleShard(u.ID)
	people, ok := l.shards[sh]
	if !ok {
		raw, err := l.idx.GetInternal(peopleKey(sh))
		if err != nil {
			return fmt.Errorf("person %s: read its shard of labels: %w", u.ID, err)
		}
		people = readShard(raw)
		l.shards[sh] = people
	}
	p, ok := people[u.ID]
	if !ok {
		old, found, err := legacyPersonRecord(l.idx, u.ID)
		if err != nil {
			return fmt.Errorf("person %s: read its label: %w", u.ID, err)
		}
		p = personRecord{ID: u.ID}
		if found {
			p = old
		}
		l.changed[sh] = true
	}
	if p.NameEn == "" && u.NameEn != "" {
		p.NameEn = u.NameEn
		l.changed[sh] = true
	}
	if p.NameHi == "" && u.NameHi != "" {
		p.NameHi = u.NameHi
		l.changed[sh] = true
	}
	people[u.ID] = p
	return nil
}

// write puts every shard that changed into batch. The shards stay known,
// so a bulk build whose earlier batch is still being written (batchPipe)
// does not read a shard back from the index before it is there.
func (l *personLabels) write(batch *bleve.Batch) error {
	for sh := range l.changed {
		recs := make([]personRecord, 0, len(l.shards[sh]))
		for _, p := range l.shards[sh] {
			recs = append(recs, p)
		}
		slices.SortFunc(recs, func(a, b personRecord) int { return strings.Compare(a.ID, b.ID) })
		raw, err := json.Marshal(recs)
		if err != nil {
			return fmt.Errorf("people shard %02x: %w", sh, err)
		}
		batch.SetInternal(peopleKey(sh), raw)
	}
	clear(l.changed)
	return nil
}

// labelShards keeps the shards a Searcher has decoded, with the value each
// was decoded from, so labelling a page's people decodes a shard only when
// a write changed it. Safe for concurrent use.
type labelShards struct {
	mu     sync.Mutex
	shards map[uint32]decodedShard
}

// decodedShard is one shard's value and the records decoded from it.
type decodedShard struct {
	raw    []byte
	people map[string]personRecord
}

// person returns id's record in idx.
func (c *labelShards) person(idx internalReader, id string) (personRecord, bool) {
	sh := peopleShard(id)
	raw, err := idx.GetInternal(peopleKey(sh))
	if err != nil {
		return personRecord{}, false
	}
	c.mu.Lock()
	d, ok := c.shards[sh]
	if !ok || !bytes.Equal(d.raw, raw) {
		if c.shards == nil {
			c.shards = map[uint32]decodedShard{}
		}
		d = decodedShard{raw: bytes.Clone(raw), people: readShard(raw)}
		c.shards[sh] = d
	}
	c.mu.Unlock()
	if p, ok := d.people[id]; ok {
		return p, true
	}
	p, ok, _ := legacyPersonRecord(idx, id)
	return p, ok
}
