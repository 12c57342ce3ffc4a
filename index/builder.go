package index

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsearch/bilingual/analyzers"
	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/entities"
)

// indexedDoc is what Bleve maps: one field per language so each is analyzed
// by its own chain. Field names follow the Field* constants.
type indexedDoc struct {
	TitleEn  string    `json:"title_en,omitempty"`
	TitleHi  string    `json:"title_hi,omitempty"`
	BodyEn   string    `json:"body_en,omitempty"`
	BodyHi   string    `json:"body_hi,omitempty"`
	BodyDeva string    `json:"body_deva,omitempty"`
	KeyHi    string    `json:"key_hi,omitempty"`
	KeyEn    string    `json:"key_en,omitempty"`
	Title    string    `json:"title,omitempty"`
	Lead     bool      `json:"title_lead,omitempty"` // Title is the body's lead: the article had none
	Furn     bool      `json:"furniture,omitempty"`  // Body holds page furniture (articles.Furniture)
	Body     string    `json:"body"`
	URL      string    `json:"url,omitempty"`
	Source   string    `json:"source,omitempty"`
	Lang     string    `json:"lang"`
	Date     time.Time `json:"date,omitzero"`
	Inferred bool      `json:"date_inferred,omitempty"`
	People   []string  `json:"people,omitempty"`
	Parties  []string  `json:"parties,omitempty"`
	Mentions []string  `json:"mentions,omitempty"`
	Places   []string  `json:"places,omitempty"`
	SimHash  string    `json:"simhash,omitempty"` // Fingerprint of Body, in hex
	Dup      string    `json:"dup,omitempty"`     // the cluster, set when the document is batched
}

// preparer prepares documents on one goroutine: what it keeps between
// documents (the folds of words seen) is not safe for concurrent use.
type preparer struct {
	x    *entities.Extractor // nil indexes text only
	fold *analyzers.PieceFolder
}

func newPreparer(x *entities.Extractor) *preparer {
	return &preparer{x: x, fold: analyzers.NewPieceFolder()}
}

// prepare routes a document's text to the language fields and, when p.x is
// not nil, records the people, parties and dates it names. It returns the
// people not in the gazetteer too, whose labels the index keeps beside the
// documents.
func (p *preparer) prepare(d articles.Document) (indexedDoc, []entities.Person) {
	x := p.x
	out := indexedDoc{Title: d.Title, Body: d.Body, URL: d.URL, Source: d.Source, Date: d.Date}
	out.SimHash = fmt.Sprintf("%016x", fingerprint(p.fold, d.Body))
	if strings.TrimSpace(d.Title) == "" {
		out.Title, out.Lead = Lead(d.Body), true
	}
	bodyRuns := analyzers.Split(d.Body)
	var en, hi, deva strings.Builder
	for _, r := range bodyRuns {
		var b *strings.Builder
		switch r.Lang {
		case analyzers.Hindi:
			b = &hi
		case analyzers.Devanagari:
			b = &deva
		default:
			b = &en
		}
		b.WriteString(r.Text)
		b.WriteByte('\n')
	}
	out.BodyEn, out.BodyHi, out.BodyDeva = en.String(), hi.String(), deva.String()
	out.KeyHi = out.BodyHi + out.BodyDeva
	titleRuns := analyzers.Split(d.Title)
	for _, r := range titleRuns {
		if r.Lang == analyzers.Hindi || r.Lang == analyzers.Devanagari {
			out.TitleHi += r.Text + " "
		} else {
			out.TitleEn += r.Text + " "
		}
	}
	out.KeyHi += " " + out.TitleHi
	out.KeyEn = out.TitleEn + " " + out.BodyEn
	out.Lang = analyzers.DocumentLanguage(append(bodyRuns, titleRuns...))
	furniture := articles.Furniture(d.Body)
	out.Furn = len(furniture) > 0
	if x == nil {
		return out, nil
	}
	res := extract(x, d.Title, d.Body, furniture, d.Date)
	out.People, out.Parties = res.People, res.Parties
	out.Places = res.Places
	if d.Date.IsZero() && !res.Published.IsZero() {
		out.Date, out.Inferred = res.Published, res.PublishedInferred
	}
	for _, t := range res.Dates {
		out.Mentions = append(out.Mentions, t.Format(time.DateOnly))
	}
	return out, res.Unknown
}

// extract runs x on an article with its page furniture (the spans
// articles.Furniture found in body) blanked out, so a footer of other
// stories' headlines names no one in this one; offsets stay offsets into
// title and body.
func extract(x *entities.Extractor, title, body string, furniture []articles.Span, published time.Time) entities.Result {
	return x.Extract(entities.Article{Title: title, Body: articles.Blank(body, furniture), Published: published})
}

// addToBatch adds a prepared document to batch, and the names of the
// people it names that the gazetteer lacks to labels, which the caller
// writes into the batch before committing it.
func addToBatch(batch *bleve.Batch, labels *personLabels, id string, doc indexedDoc, unknown []entities.Person) error {
	if err := batch.Index(id, doc); err != nil {
		return fmt.Errorf("document %s: %w", id, err)
	}
	for _, u := range unknown {
		if err := labels.add(u); err != nil {
			return fmt.Errorf("document %s: %w", id, err)
		}
	}
	return nil
}

// Builder indexes documents in batches, preparing them in parallel workers.
type Builder struct {
	Index      bleve.Index
	Workers    int // preparing goroutines; 0 means runtime.NumCPU()
	BatchBytes int // flush a batch once its documents' text reaches this size; 0 means 8 MiB
	BatchDocs  int // and at most this many documents; 0 means 1000
	// Extractor finds people, parties and dates; nil indexes text only.
	Extractor *entities.Extractor
	// Progress, when set, is called after each flushed batch with the running count.
	Progress func(indexed int)
}

// BuildStats counts what a Build indexed.
type BuildStats struct {
	Indexed int
	Bytes   int64
}

// Build reads documents from in until it is closed, prepares them on all
// workers and writes them to the index in batches. A document whose id is
// already indexed is replaced.
func (b *Builder) Build(ctx context.Context, in <-chan articles.Document) (BuildStats, error) {
	workers := b.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	maxBytes, maxDocs := b.BatchBytes, b.BatchDocs
	if maxBytes <= 0 {
		maxBytes = 8 << 20
	}
	if maxDocs <= 0 {
		maxDocs = 1000
	}
	type prepared struct {
		id      string
		doc     indexedDoc
		unknown []entities.Person
		size    int
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make(chan prepared, workers*4)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pr := newPreparer(b.Extractor)
			for d := range in {
				doc, unknown := pr.prepare(d)
				p := prepared{id: d.ID, doc: doc, unknown: unknown, size: len(d.Body) + len(d.Title)}
				select {
				case out <- p:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()

	var st BuildStats
	// The consumer below is the only goroutine batching, so it numbers
	// clusters in the order documents reach it.
	dups, err := loadDupIndex(b.Index)
	if err != nil {
		return st, err
	}
	pipe := &batchPipe{idx: b.Index, done: func(docs int) {
		st.Indexed += docs
		if b.Progress != nil {
			b.Progress(st.Indexed)
		}
	}}
	batch := b.Index.NewBatch()
	labels := newPersonLabels(b.Index)
	pending, pendingBytes := 0, 0
	flush := func() error {
		if pending == 0 {
			return nil
		}
		if err := labels.write(batch); err != nil {
			return err
		}
		if err := pipe.submit(batch, pending); err != nil {
			return err
		}
		batch = b.Index.NewBatch()
		pending, pendingBytes = 0, 0
		return nil
	}
	// Every return waits for the batches still being written, so none is
	// writing once Build returns and its caller closes the index.
	finish := func(err error) (BuildStats, error) {
		if werr := pipe.wait(); err == nil {
			err = werr
		}
		return st, err
	}
	for p := range out {
		p.doc.Dup = dups.assign(p.id, fingerprintOf(&p.doc))
		if err := addToBatch(batch, labels, p.id, p.doc, p.unknown); err != nil {
			return finish(err)
		}
		pending++
		pendingBytes += p.size
		st.Bytes += int64(p.size)
		if pending >= maxDocs || pendingBytes >= maxBytes {
			if err := flush(); err != nil {
				return finish(err)
			}
		}
		if ctx.Err() != nil {
			break
		}
	}
	if err := flush(); err != nil {
		return finish(err)
	}
	return finish(ctx.Err())
}
