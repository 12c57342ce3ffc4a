package index

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// runeIndex is the code-point offset of sub's first occurrence in s.
func runeIndex(s, sub string) int {
	i := strings.Index(s, sub)
	if i < 0 {
		return -1
	}
	return utf8.RuneCountInString(s[:i])
}

// TestEntitiesOffsetsAreCodePointsIntoBody: every mention cuts out of the
// body by code points; in the Hindi seed 002 the first राहुल गांधी is found
// where a code-point count (not a byte count) puts it.
func TestEntitiesOffsetsAreCodePointsIntoBody(t *testing.T) {
	s := seedSearcher(t)
	ctx := context.Background()
	for _, tc := range []struct {
		id, kind, entity, text string
	}{
		{"002_884ef39863f3952b", "person", "rahul-gandhi", "राहुल गांधी"},
		{"002_884ef39863f3952b", "party", "INC", "कांग्रेस"},
		{"000_a40097178b98bcf5", "person", "nanabhau-patole", "Nana Patole"},
		{"003_14abfe42ffc44221", "party", "INC", "Congress"},
		{"002_884ef39863f3952b", "place", "IN-RJ", "राजस्थान"},
	} {
		t.Run(tc.id+"/"+tc.entity, func(t *testing.T) {
			a, ok, err := s.Article(ctx, tc.id)
			if err != nil || !ok {
				t.Fatalf("article %s: %v %v", tc.id, ok, err)
			}
			body := []rune(a.Body)
			for _, e := range a.Entities {
				if e.Start < 0 || e.End > len(body) || e.Start >= e.End {
					t.Fatalf("entity %+v out of the body's %d code points", e, len(body))
				}
				if got := string(body[e.Start:e.End]); got != e.Text {
					t.Errorf("[]rune(body)[%d:%d] = %q, entity says %q", e.Start, e.End, got, e.Text)
				}
				if e.Kind != "person" && e.Kind != "party" && e.Kind != "place" {
					t.Errorf("entity kind %q", e.Kind)
				}
			}
			want := runeIndex(a.Body, tc.text)
			var first *Entity
			for i, e := range a.Entities {
				if e.ID == tc.entity && e.Kind == tc.kind {
					first = &a.Entities[i]
					break
				}
			}
			switch {
			case first == nil:
				t.Fatalf("no %s %s among %+v", tc.kind, tc.entity, a.Entities)
			case first.Start != want || first.Text != tc.text:
				t.Errorf("first %s at %d %q, want %d %q", tc.entity, first.Start, first.Text, want, tc.text)
			case first.Label == "" || first.LabelHi == "":
				t.Errorf("%s has labels %q / %q, want both", tc.entity, first.Label, first.LabelHi)
			}
		})
	}
}

// TestEntitiesSkipTheTitle: a titled article's mentions in the title are
// not listed, and those in the body are counted from the body's start.
func TestEntitiesSkipTheTitle(t *testing.T) {
	s := seedSearcher(t)
	body := "कांग्रेस नेता राहुल गांधी ने इस्तीफा दिया।"
	got := s.Entities("Rahul Gandhi quits", false, body)
	if len(got) == 0 {
		t.Fatal("no entities")
	}
	for _, e := range got {
		if string([]rune(body)[e.Start:e.End]) != e.Text {
			t.Errorf("entity %+v does not cut out of the body", e)
		}
		if strings.Contains("Rahul Gandhi quits", e.Text) {
			t.Errorf("title mention listed: %+v", e)
		}
	}
	if got[0].ID != "INC" || got[0].Start != 0 || got[0].End != utf8.RuneCountInString("कांग्रेस") {
		t.Errorf("first entity %+v, want INC at 0..8", got[0])
	}
}

func TestArticleFields(t *testing.T) {
	s := seedSearcher(t)
	a, ok, err := s.Article(context.Background(), "000_a40097178b98bcf5")
	if err != nil || !ok {
		t.Fatalf("article: %v %v", ok, err)
	}
	if !a.TitleIsLead || !strings.HasPrefix(a.Title, "New Delhi: Kisan Congress") || a.Date != "2019-06-29" || a.Lang != "en" {
		t.Errorf("article %+v", a)
	}
	if _, ok, err := s.Article(context.Background(), "no-such-id"); ok || err != nil {
		t.Errorf("unknown id: ok %v err %v", ok, err)
	}
	marks, err := s.Marks(context.Background(), "resignation", a.Body)
	if err != nil || len(marks) < 2 {
		t.Fatalf("marks %v %v, want the several resignations", marks, err)
	}
	for _, m := range marks {
		if w := strings.ToLower(string([]rune(a.Body)[m.Start:m.End])); !strings.HasPrefix(w, "resign") {
			t.Errorf("mark %v is %q", m, w)
		}
	}
}
