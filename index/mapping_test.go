package index

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/newsearch/bilingual/articles"
)

// TestIndexedFields lists the fields a built index holds: no _all (nothing
// reads it, and Bleve built an empty one for every document), and the
// language, key and keyword fields the searches read.
func TestIndexedFields(t *testing.T) {
	idx, err := Open(filepath.Join(t.TempDir(), "idx"), BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	in := make(chan articles.Document, 2)
	in <- articles.Document{ID: "a", Title: "Modi in Delhi", Body: "प्रधानमंत्री नरेंद्र मोदी ने दिल्ली में कहा। Lockdown extended."}
	in <- articles.Document{ID: "b", Body: "Rahul Gandhi of the Congress spoke in Jaipur."}
	close(in)
	if _, err := (&Builder{Index: idx}).Build(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	fields, err := idx.Fields()
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(fields, allField) {
		t.Errorf("index has the %s field: %v", allField, fields)
	}
	for _, f := range []string{FieldTitleEn, FieldBodyEn, FieldBodyHi, FieldKeyHi, FieldKeyEn, FieldLang, FieldDup, FieldSimHash} {
		if !slices.Contains(fields, f) {
			t.Errorf("index lacks the %s field: %v", f, fields)
		}
	}
}
