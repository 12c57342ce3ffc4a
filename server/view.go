package server

import (
	"fmt"
	"html"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsearch/bilingual/analyzers"
	"github.com/newsearch/bilingual/index"
	"github.com/newsearch/bilingual/query"
)

// pageView is everything the template shows; the template only lays it out.
type pageView struct {
	Status      int
	Error       string
	Q           string
	Intro       bool
	Sorts       []option
	Hidden      []option // form fields the page keeps but shows no input for
	Total       uint64
	First, Last int
	Took        string
	Reading     string
	Expansions  []string
	Corrections []string // "kejriwl → kejriwal": close spellings searched too
	Relaxed     string   // why the hits lack some of the query's words
	Help        string   // the query language, behind the "?" by the box
	Hits        []hitView
	People      facetList
	Parties     facetList
	Places      facetList
	Sources     facetList
	Langs       facetList
	Dates       *histView
	Undated     int
	DateFilter  string
	ClearDates  string
	DateFrom    string // the from filter resolved to a day, for the date input
	DateTo      string // the to filter resolved to its last day
	Filtering   int    // how many filters are on, shown on the phone's Filters button
	Prev, Next  string
	// Feed, CSV and JSONL are the current search's Atom feed and exports.
	Feed, CSV, JSONL string
	PageNo           int
	Pages            int
}

type option struct {
	Name, Value, Label string
	Selected           bool
}

type hitView struct {
	ID, Title, Date, Lang, LangLabel, Source, URL string
	Href                                          string // the article page, carrying the query
	Copies                                        int    // other copies that match too, listed on the article page
	TitleHTML, Snippet                            template.HTML
	People, Parties                               []chipView
	MorePeople                                    int
}

type chipView struct {
	Label, Title, Href string
	Active             bool
}

// facetList splits a facet into the values shown at once and the rest,
// folded away; selected values are always shown.
type facetList struct {
	Top, More []facetView
	ShowAll   string // a link asking for more values, when the index cut the list
}

// facetBlock is one sidebar facet as the "facet" template draws it.
type facetBlock struct {
	ID, Title, TitleHi string
	List               facetList
}

// facetShown is how many values of a facet the sidebar shows unfolded.
const facetShown = 8

// facetShowAll is the facet_size a facet's "Show all" link asks for: enough
// for every party and state, and the long tail of people and sources,
// without a page of thousands of checkboxes.
const facetShowAll = 100

// chipsShown is how many people a hit lists before "+N more".
const chipsShown = 6

func splitFacet(all []facetView) facetList {
	var l facetList
	for i, f := range all {
		if i < facetShown || f.Selected {
			l.Top = append(l.Top, f)
		} else {
			l.More = append(l.More, f)
		}
	}
	return l
}

type facetView struct {
	Param, Value, Label, LabelHi string
	Count                        int
	Selected                     bool
}

// buildView decides what the page shows from a search's answer and the URL's
// parameters, so the template only lays it out.
func buildView(v url.Values, req index.Request, res *index.Response) *pageView {
	l := links{v}
	view := &pageView{
		Q:     req.Q,
		Help:  query.Help,
		Total: res.Total,
		Took:  formatTook(res.TookMS),
		Intro: req.Q == "" && len(req.People)+len(req.Parties)+len(req.Sources)+len(req.Places)+len(req.Langs) == 0 &&
			req.From.IsZero() && req.To.IsZero(),
	}
	view.Feed, view.CSV, view.JSONL = l.elsewhere("/feed"),
		l.elsewhere("/api/export", "format", ExportCSV), l.elsewhere("/api/export", "format", ExportJSONL)
	sort := req.Sort
	if sort == "" {
		sort = index.SortRelevance
	}
	// The order used when the URL names none submits as "", so that a default
	// chosen for an empty query does not stick to the next query.
	implicit := index.SortRelevance
	if req.Q == "" {
		implicit = index.SortDateDesc
	}
	for _, o := range []option{{Value: index.SortRelevance, Label: "Most relevant"},
		{Value: index.SortDateDesc, Label: "Newest first"}, {Value: index.SortDate, Label: "Oldest first"}} {
		o.Selected = o.Value == sort
		if o.Value == implicit {
			o.Value = ""
		}
		view.Sorts = append(view.Sorts, o)
	}
	// from and to have inputs of their own in the dates facet.
	for _, name := range []string{"op", "size", "facet_size"} {
		if s := v.Get(name); s != "" {
			view.Hidden = append(view.Hidden, option{Name: name, Value: s})
		}
	}
	if n := len(res.Hits); n > 0 {
		view.First, view.Last = req.Offset+1, req.Offset+n
	}
	if res.Query.RomanizedHindi {
		view.Reading = "Read as romanized Hindi"
	}
	view.Expansions = expansions(res.Query)
	for _, c := range res.Query.Corrections {
		view.Corrections = append(view.Corrections, c.From+" → "+c.To)
	}
	if m := res.Query.Matching; m.Relaxed && res.Total > 0 {
		view.Relaxed = fmt.Sprintf("No article has all %d of the words; showing articles with %d of them", m.Of, m.Required)
		if m.Required == 1 {
			view.Relaxed = fmt.Sprintf("No article has all %d of the words; showing articles with any of them, those with most first", m.Of)
		}
	}

	var people, parties, places, sources, langs []index.FacetValue
	if res.Facets != nil {
		people, parties, langs = res.Facets.People, res.Facets.Parties, res.Facets.Lang
		places, sources = res.Facets.Places, res.Facets.Sources
	}
	// The resolved filters, so a person chosen by name in either script
	// marks the facet value and chips of its id.
	peopleAll := facetViews("person", people, res.Filters.People)
	partiesAll := facetViews("party", parties, res.Filters.Parties)
	langsAll := facetViews("lang", langs, req.Langs)
	for i := range langsAll {
		langsAll[i].Label, langsAll[i].LabelHi = langLabel(langsAll[i].Value)
	}
	view.People, view.Parties, view.Langs = splitFacet(peopleAll), splitFacet(partiesAll), splitFacet(langsAll)
	view.Places = splitFacet(facetViews("place", places, res.Filters.Places))
	view.Sources = splitFacet(facetViews("source", sources, req.Sources))
	for _, f := range []struct {
		list *facetList
		n    int
	}{{&view.People, len(people)}, {&view.Parties, len(parties)}, {&view.Places, len(places)}, {&view.Sources, len(sources)}} {
		f.list.ShowAll = showAllLink(l, f.n, req.FacetSize)
	}
	view.Filtering = len(res.Filters.People) + len(res.Filters.Parties) + len(res.Filters.Places) + len(req.Sources) + len(req.Langs)
	for _, h := range res.Hits {
		hv := hitView{
			ID:        h.ID,
			Title:     hitTitle(h),
			TitleHTML: hitTitleHTML(h),
			Href:      articleHref(h.ID, req.Q),
			Copies:    h.Duplicates,
			Date:      h.Date,
			Lang:      htmlLang(h.Lang),
			LangLabel: langName(h.Lang),
			Source:    h.Source,
			URL:       webURL(h.URL),
			Snippet:   SanitizeSnippet(h.Snippet),
			People:    chips(l, "person", h.People, peopleAll, res.Filters.People),
			Parties:   chips(l, "party", h.Parties, partiesAll, res.Filters.Parties),
		}
		if n := len(hv.People); n > chipsShown {
			hv.People, hv.MorePeople = hv.People[:chipsShown], n-chipsShown
		}
		view.Hits = append(view.Hits, hv)
	}
	if res.Facets != nil && len(res.Facets.Dates) > 0 {
		view.Dates = histogram(l, res.Facets.Dates, res.FacetMeta.DateInterval, dateOnly(req.From), dateOnly(req.To))
	}
	view.Undated = res.FacetMeta.Undated
	view.DateFrom, view.DateTo = dateOnly(req.From), dateOnly(req.To)
	if from, to := v.Get("from"), v.Get("to"); from != "" || to != "" {
		switch {
		case from == "":
			view.DateFilter = "up to " + to
		case to == "":
			view.DateFilter = "from " + from
		case from == to:
			view.DateFilter = from
		default:
			view.DateFilter = from + " – " + to
		}
		view.ClearDates = l.with(func(u url.Values) { u.Del("from"); u.Del("to") })
		view.Filtering++
	}
	size := max(req.Size, 1)
	view.PageNo = req.Offset/size + 1
	view.Pages = int((res.Total + uint64(size) - 1) / uint64(size))
	if req.Offset > 0 {
		view.Prev = l.page(max(req.Offset-size, 0))
	}
	if next := req.Offset + size; uint64(next) < res.Total && next <= index.MaxOffset {
		view.Next = l.page(next)
	}
	return view
}

// showAllLink asks for facetShowAll values of every facet when a facet came
// back full (n values of the facetSize asked for), so more may exist; the
// page of hits stays where it is, since the hits do not change.
func showAllLink(l links, n, facetSize int) string {
	if n < facetSize || facetSize >= facetShowAll {
		return ""
	}
	return l.with(func(u url.Values) {
		u.Set("facet_size", strconv.Itoa(facetShowAll))
		if o := l.v.Get("offset"); o != "" {
			u.Set("offset", o)
		}
	})
}

// dateOnly is a filter's day as a date input wants it, or "" when unset.
func dateOnly(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// facetViews lists a facet's values, plus any selected value the facet did not
// return, so that submitting the form never silently drops a filter.
func facetViews(param string, vals []index.FacetValue, selected []string) []facetView {
	out := make([]facetView, 0, len(vals))
	for _, fv := range vals {
		label := fv.Label
		if label == "" {
			label = PrettyID(fv.Value)
		}
		out = append(out, facetView{Param: param, Value: fv.Value, Label: label, LabelHi: fv.LabelHi,
			Count: fv.Count, Selected: fv.Selected || slices.Contains(selected, fv.Value)})
	}
	for _, s := range selected {
		known := slices.ContainsFunc(out, func(f facetView) bool {
			return strings.EqualFold(f.Value, s) || strings.EqualFold(f.Label, s) || f.LabelHi == s
		})
		if !known {
			out = append(out, facetView{Param: param, Value: s, Label: PrettyID(s), Selected: true})
		}
	}
	return out
}

// chips labels a hit's people or parties from the facet lists, where the
// index gave names, falling back to a readable form of the id.
func chips(l links, param string, ids []string, facet []facetView, selected []string) []chipView {
	out := make([]chipView, 0, len(ids))
	for _, id := range ids {
		c := chipView{Label: PrettyID(id), Href: l.toggle(param, id), Active: slices.Contains(selected, id)}
		for _, f := range facet {
			if f.Value == id {
				c.Label, c.Active = f.Label, f.Selected
				c.Title = f.LabelHi
				break
			}
		}
		out = append(out, c)
	}
	return out
}

func expansions(q index.QueryInfo) []string {
	var out []string
	for _, e := range q.Expansions {
		for _, to := range e.To {
			if to != "" && !slices.Contains(out, to) && to != q.Q {
				out = append(out, to)
			}
		}
	}
	return out
}

// hitTitle is a hit's stored title: the index gives an untitled article its
// lead (index.Lead), the same for every query; only an article with no text
// at all has none.
func hitTitle(h index.Hit) string {
	if t := strings.TrimSpace(h.Title); t != "" {
		return t
	}
	return "Untitled article"
}

// hitTitleHTML is the title with the query's matches marked, as the index
// marked them, or the plain title when the index gave no marked form.
func hitTitleHTML(h index.Hit) template.HTML {
	if strings.TrimSpace(h.TitleHTML) == "" || strings.TrimSpace(h.Title) == "" {
		return template.HTML(html.EscapeString(hitTitle(h)))
	}
	return SanitizeSnippet(strings.TrimSpace(h.TitleHTML))
}

// PrettyID turns a person id or party code into a readable label when the
// index has no name for it: "rahul-gandhi" → "Rahul Gandhi"; the "x-" prefix
// of people found outside the gazetteer is dropped.
func PrettyID(id string) string {
	id = strings.TrimPrefix(id, "x-")
	words := strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = strings.ToUpper(string(r)) + w[n:]
	}
	return strings.Join(words, " ")
}

func langName(l string) string {
	en, hi := langLabel(l)
	if hi != "" {
		return en + " · " + hi
	}
	return en
}

// langLabel names a language in English and Hindi from the analyzers' table;
// a code the table lacks is shown as it is.
func langLabel(l string) (string, string) {
	if lang, ok := analyzers.LanguageOf(l); ok {
		return lang.English, lang.Hindi
	}
	return l, ""
}

// htmlLang is the lang attribute for a hit; "mixed" is no language tag.
func htmlLang(l string) string {
	lang, _ := analyzers.LanguageOf(l)
	return lang.Tag
}

// webURL keeps a document's link only when it is plain http(s), so a stored
// javascript: or data: URL never becomes a clickable link.
func webURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

func formatTook(ms float64) string {
	if ms < 10 {
		return strconv.FormatFloat(ms, 'f', 1, 64) + " ms"
	}
	return strconv.FormatFloat(ms, 'f', 0, 64) + " ms"
}
