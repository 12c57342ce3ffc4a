// How the package's two flows run, file by file. (The package comment
// itself is in mapping.go.)
//
// Indexing. The articles package turns input files into Documents,
// reporting bad records as Problems. open.go opens or creates the index
// directory with the mapping of mapping.go, built from BuildOptions, after
// format.go has checked an existing one is of this build's FormatVersion,
// whole, and this project's (or refused it saying why and how to re-index). A
// Builder (builder.go, bulk) or a Writer (writer.go, one acknowledged batch
// at a time) then prepares each document (builder.go: prepare routes text
// to the per-language fields and records the people, parties and dates the
// entities Extractor finds) and adds it to a Bleve batch with addToBatch. A
// Writer made by Searcher.Writer calls back on every commit, which drops the
// Searcher's cached facet counts (facetcache.go) before the write is
// acknowledged.
//
// Searching. NewSearcher (searcher.go) reads from the index's own mapping
// which analyzers and scoring it was built with (analysis.go), refusing one
// it does not know, and takes the gazetteer, extractor and SearchConfig
// (config.go) it is given. Search (search.go) turns a Request (request.go)
// into a Response:
//
//   - resolve maps people and parties filtered by name to ids, in a copy of
//     the request;
//   - plan (plan.go) parses the query (package query) and turns it into
//     concepts: runs of words that name a known person or party or form a
//     dictionary phrase become one (concept.go); each word, phrase or name
//     becomes the disjunction of its own words in every language field, the
//     entities it names, its translations and phonetic keys (leaf.go,
//     translate.go), and a word the index lacks its close spelling too
//     (correct.go); the operators then apply to concepts, and MinMatch says
//     how many a match needs, one fewer at a time when nothing has them all;
//   - facet counts, the total and the matches come from the cache when it
//     has them, and then, once the page is full, blocks of documents that
//     cannot reach it are passed over (blockmax.go), a query of one concept
//     is pruned to its page (prune.go) and any other visits only its known
//     matches (filtersearcher.go);
//   - view.search (splitsearch.go) runs the text query, its phrases and
//     disjunctions given faster searchers with Bleve's scores (rewrite.go,
//     phrasesearch.go, disjsearch.go), once over a snapshot of the
//     in-memory facet columns (columns.go), in parts over ranges of
//     document numbers when the query is broad and not repeated; each
//     part's filterSearcher (filtersearcher.go) applies the filters from
//     the columns and feeds a tally (tally.go) that counts every facet
//     without its own filter;
//   - when the columns cannot be read in time, Bleve's filters and facets do
//     the same work instead (blevefacets.go);
//   - either way the dates histogram follows the one rule of datehist.go,
//     and facets.go labels the values and marks the selected ones;
//   - each hit gets a snippet marking the query's words, translations and
//     entity names (snippet.go).
//
// Suggest (suggest.go) serves the people and parties type-ahead, counting
// from the same columns.

package index
