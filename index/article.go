package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/entities"
)

// Entity is one mention of a person or party in an article's body, as
// /api/docs/{id} lists it and the article page links it. Offsets count
// Unicode code points (not bytes) into the stored body, so a client in any
// language can cut the mention out: []rune(body)[Start:End] == Text.
type Entity struct {
	Kind    string `json:"kind"` // "person" or "party"
	ID      string `json:"id"`   // person id or party code, the value of the person= or party= filter
	Label   string `json:"label"`
	LabelHi string `json:"label_hi"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"` // the body's words at [Start, End)
}

// Article is one stored document as the article page shows it.
type Article struct {
	ID, Title, Body, URL, Source, Lang string
	// TitleIsLead says the article had no title and Title is its lead.
	TitleIsLead bool
	// Date is the published day, YYYY-MM-DD, or "" when undated;
	// DateInferred says it was read from the text, not given.
	Date         string
	DateInferred bool
	People       []string
	Parties      []string
	Entities     []Entity
}

// Span is a stretch of text in code points, [Start, End).
type Span struct{ Start, End int }

// stored loads every stored field of the document with id, or false when
// the index has none.
func (s *Searcher) stored(ctx context.Context, id string) (map[string]any, bool, error) {
	release, err := s.hold()
	if err != nil {
		return nil, false, err
	}
	defer release()
	q := bleve.NewDocIDQuery([]string{id})
	req := bleve.NewSearchRequestOptions(q, 1, 0, false)
	req.Fields = []string{"*"}
	res, err := s.live.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, false, fmt.Errorf("load document %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return nil, false, nil
	}
	return res.Hits[0].Fields, true, nil
}

// Document returns the stored document with id, with its entities (see
// Entity), or false when it is unknown.
func (s *Searcher) Document(ctx context.Context, id string) (map[string]any, bool, error) {
	f, ok, err := s.stored(ctx, id)
	if !ok || err != nil {
		return nil, ok, err
	}
	doc := map[string]any{"id": id}
	for k, v := range f {
		doc[k] = v
	}
	title, _ := f[FieldTitle].(string)
	body, _ := f[FieldBody].(string)
	lead, _ := f[FieldTitleLead].(bool)
	doc["entities"] = s.Entities(title, lead, body)
	return doc, true, nil
}

// Article returns the document with id as the article page shows it, or
// false when it is unknown.
func (s *Searcher) Article(ctx context.Context, id string) (*Article, bool, error) {
	f, ok, err := s.stored(ctx, id)
	if !ok || err != nil {
		return nil, ok, err
	}
	str := func(name string) string { v, _ := f[name].(string); return v }
	a := &Article{ID: id, Title: str(FieldTitle), Body: str(FieldBody), URL: str(FieldURL), Source: str(FieldSource),
		Lang: str(FieldLang), People: strs(f[FieldPeople]), Parties: strs(f[FieldParties])}
	a.TitleIsLead, _ = f[FieldTitleLead].(bool)
	a.DateInferred, _ = f[FieldDateGuess].(bool)
	if t, err := time.Parse(time.RFC3339, str(FieldDate)); err == nil {
		a.Date = t.Format(time.DateOnly)
	}
	a.Entities = s.Entities(a.Title, a.TitleIsLead, a.Body)
	return a, true, nil
}

// Entities lists the people, parties and places body mentions, in order. The
// extractor reads the title too, as at indexing (a name in full in the title
// lets a bare surname in the body count), but mentions in the title are
// dropped: offsets point into body alone. A lead title is the body's own
// words, so it is not read twice.
func (s *Searcher) Entities(title string, titleIsLead bool, body string) []Entity {
	a := entities.Article{Body: body}
	if !titleIsLead {
		a.Title = title
	}
	skip := len(a.Text()) - len(body) // the title and the blank line after it
	res := extract(s.ext, a.Title, body, articles.Furniture(body), time.Time{})
	ms := append(slices.Clone(res.Mentions), res.PlaceMentions...)
	slices.SortStableFunc(ms, func(x, y entities.Mention) int { return x.Start - y.Start })
	out := []Entity{}
	pos, runes := 0, 0 // body[:pos] has runes code points
	for _, m := range ms {
		st, en := m.Start-skip, m.End-skip
		if st < pos || en > len(body) || st >= en || !utf8.RuneStart(body[st]) ||
			(en < len(body) && !utf8.RuneStart(body[en])) {
			continue // in the title, or offsets this code cannot trust
		}
		runes += utf8.RuneCountInString(body[pos:st])
		pos = st
		e := Entity{Kind: m.Kind.String(), ID: m.ID, Start: runes, End: runes + utf8.RuneCountInString(body[st:en]),
			Text: body[st:en]}
		facet := FacetPeople
		switch m.Kind {
		case entities.KindParty:
			facet = FacetParties
		case entities.KindPlace:
			facet = FacetPlaces
		}
		e.Label, e.LabelHi = s.label(facet, m.ID)
		out = append(out, e)
	}
	return out
}

// Marks returns where in text the words q asks for (and their
// translations, and the names of the people and parties it names) occur,
// as the snippets mark them, in code points; nil when q is empty.
func (s *Searcher) Marks(ctx context.Context, q string, text string) ([]Span, error) {
	if strings.TrimSpace(q) == "" {
		return nil, nil
	}
	var qi QueryInfo
	p, err := s.plan(ctx, q, &qi)
	if err != nil {
		return nil, fmt.Errorf("marks for %q: %w", q, err)
	}
	terms := s.queryTerms(strings.Join(s.marked(p), " "))
	spans, _, _ := matchSpans(text, 0, len(text), s.words, terms, nil, nil, nil)
	spans = mergeSpans(text, spans)
	out := make([]Span, 0, len(spans))
	pos, runes := 0, 0
	for _, sp := range spans {
		runes += utf8.RuneCountInString(text[pos:sp.start])
		pos = sp.start
		out = append(out, Span{runes, runes + utf8.RuneCountInString(text[sp.start:sp.end])})
	}
	return out, nil
}
