package index

import (
	"encoding/json"
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsearch/bilingual/entities"
)

// personKey is where the index keeps the labels of a person the gazetteer
// lacks, so facets can show names for generated ids.
func personKey(id string) []byte { return []byte("person:" + id) }

// internalReader reads Bleve's internal keys (a bleve.Index does).
type internalReader interface {
	GetInternal(key []byte) ([]byte, error)
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
	people  map[string]entities.Person
	changed map[string]bool
}

func newPersonLabels(idx internalReader) *personLabels {
	return &personLabels{idx: idx, people: map[string]entities.Person{}, changed: map[string]bool{}}
}

// add merges the names of u into its record.
func (l *personLabels) add(u entities.Person) error {
	p, ok := l.people[u.ID]
	if !ok {
		raw, err := l.idx.GetInternal(personKey(u.ID))
		if err != nil {
			return fmt.Errorf("person %s: read its label: %w", u.ID, err)
		}
		p = entities.Person{ID: u.ID}
		if raw != nil && json.Unmarshal(raw, &p) != nil {
			p = entities.Person{ID: u.ID} // a record that cannot be read is written anew
			l.changed[u.ID] = true
		}
		if raw == nil {
			l.changed[u.ID] = true
		}
	}
	if p.NameEn == "" && u.NameEn != "" {
		p.NameEn = u.NameEn
		l.changed[u.ID] = true
	}
	if p.NameHi == "" && u.NameHi != "" {
		p.NameHi = u.NameHi
		l.changed[u.ID] = true
	}
	l.people[u.ID] = p
	return nil
}

// write puts every record that changed into batch. The records stay known,
// so a bulk build whose earlier batch is still being written (batchPipe)
// does not read a label back from the index before it is there.
func (l *personLabels) write(batch *bleve.Batch) error {
	for id := range l.changed {
		label, err := json.Marshal(l.people[id])
		if err != nil {
			return fmt.Errorf("person %s: %w", id, err)
		}
		batch.SetInternal(personKey(id), label)
	}
	clear(l.changed)
	return nil
}
