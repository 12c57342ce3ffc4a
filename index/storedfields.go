package index

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/datetime/timestamp/microseconds"
	"github.com/blevesearch/bleve/v2/analysis/datetime/timestamp/milliseconds"
	"github.com/blevesearch/bleve/v2/analysis/datetime/timestamp/nanoseconds"
	"github.com/blevesearch/bleve/v2/analysis/datetime/timestamp/seconds"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
)

// loadHit reads the stored fields req asks for into h, with the values
// bleve.LoadAndHighlightFields gives, straight from h's segment: Bleve's
// finds the document again by its id (a dictionary lookup) and first
// decodes every stored field into a Document, a sixth of a small search's
// time. Values of kinds it does not decode (numbers, places) are left to
// Bleve.
func (v *view) loadHit(h *search.DocumentMatch, req *bleve.SearchRequest) error {
	snap, ok := v.reader.(*scorch.IndexSnapshot)
	if h.Fields != nil || len(req.Fields) == 0 || slices.Contains(req.Fields, "*") || !ok {
		err, _ := bleve.LoadAndHighlightFields(h, req, "", v.reader, nil)
		return err
	}
	segs, num := snap.Segments(), h.IndexInternalID.Value()
	i := sort.Search(len(v.offsets), func(i int) bool { return v.offsets[i] > num }) - 1
	if i < 0 || len(segs) != len(v.offsets) {
		return fmt.Errorf("load %s: document %d is in no segment", h.ID, num)
	}
	var other bool
	err := segs[i].VisitDocument(num-v.offsets[i], func(name string, typ byte, val []byte, _ []uint64) bool {
		if !slices.Contains(req.Fields, name) {
			return true
		}
		var value any
		switch typ {
		case 't':
			value = string(val)
		case 'b':
			if b, err := document.NewBooleanFieldFromBytes(name, nil, val).Boolean(); err == nil {
				value = b
			}
		case 'd':
			if t, layout, err := document.NewDateTimeFieldFromBytes(name, nil, val).DateTime(); err == nil {
				value = dateValue(t, layout)
			}
		default:
			other = true
			return false
		}
		if value != nil {
			h.AddFieldValue(name, value)
		}
		return true
	})
	if err != nil {
		return fmt.Errorf("load %s: %w", h.ID, err)
	}
	if other {
		h.Fields = nil
		err, _ := bleve.LoadAndHighlightFields(h, req, "", v.reader, nil)
		return err
	}
	return nil
}

// dateValue is a stored date as Bleve's loader shows it: formatted with the
// layout it was parsed with (RFC 3339 when none was kept), or as the
// timestamp it was given.
func dateValue(t time.Time, layout string) string {
	switch layout {
	case "":
		return t.Format(time.RFC3339)
	case seconds.Name:
		return strconv.FormatInt(t.Unix(), 10)
	case milliseconds.Name:
		return strconv.FormatInt(t.UnixMilli(), 10)
	case microseconds.Name:
		return strconv.FormatInt(t.UnixMicro(), 10)
	case nanoseconds.Name:
		return strconv.FormatInt(t.UnixNano(), 10)
	}
	return t.Format(layout)
}
