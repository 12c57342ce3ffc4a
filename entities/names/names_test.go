package names

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

var testT = sync.OnceValues(func() (*Tagger, error) {
	m, err := LoadModel()
	if err != nil {
		return nil, err
	}
	return NewTagger(m, NewLexicon([]string{"Narendra Modi", "नरेंद्र मोदी", "Rahul Gandhi", "राहुल गांधी", "Arun Jaitley"})), nil
})

// testTagger shares one tagger between tests: loading the model takes a moment.
func testTagger(tb testing.TB) *Tagger {
	tb.Helper()
	t, err := testT()
	if err != nil {
		tb.Fatalf("LoadModel: %v", err)
	}
	return t
}

const hindiNews = "अमरीकी राष्ट्रपति बराक ओबामा ने कहा कि वे प्रधानमंत्री मनमोहन सिंह से मिलेंगे . " +
	"भारतीय टीम - गौतम गंभीर , वीरेंदर सहवाग , महेंद्र सिंह धोनी (कप्तान) , युवराज सिंह ."

func TestFindNames(t *testing.T) {
	tg := testTagger(t)
	for _, c := range []struct {
		text string
		want []string // names that must be found, each within one span
		not  []string // words no span may hold
	}{
		{hindiNews, []string{"बराक ओबामा", "मनमोहन सिंह", "महेंद्र सिंह धोनी"}, []string{"अमरीकी", "प्रधानमंत्री", "कहा"}},
		{"Finance minister Arun Jaitley said on Friday that the GST rates will fall.", []string{"Arun Jaitley"}, []string{"Friday", "GST", "Finance"}},
		{"aaj #RahulGandhi ne kaha ki modi ji ne kuch nahi kiya", []string{"RahulGandhi", "modi"}, []string{"aaj", "kaha"}},
		{"Though the party lost, Rebuilding starts now.", nil, []string{"Though", "Rebuilding", "party"}},
		{"Rahul said no.", nil, []string{"Rahul"}},
		{"kal Modiji ne kaha", []string{"Modi"}, []string{"Modiji", "kal"}},
		{"#Obama ne kaha ki #RightToPrivacy aur #BJP ka #Delhi", []string{"Obama"}, []string{"RightToPrivacy", "BJP", "Delhi"}},
	} {
		var got []string
		for _, sp := range tg.Find(c.text, nil) {
			got = append(got, c.text[sp.Start:sp.End])
		}
		for _, w := range c.want {
			found := false
			for _, g := range got {
				found = found || strings.Contains(g, w)
			}
			if !found {
				t.Errorf("%q: %q not found; found %q", c.text, w, got)
			}
		}
		for _, n := range c.not {
			for _, g := range got {
				if strings.Contains(g, n) {
					t.Errorf("%q: span %q holds %q", c.text, g, n)
				}
			}
		}
	}
}

func TestSpell(t *testing.T) {
	tg := testTagger(t)
	for in, want := range map[string]string{"narendramodi": "Narendra Modi", "RahulGandhi": "Rahul Gandhi", "TripleTalaq": "", "modi": ""} {
		if got := tg.Spell(in); got != want {
			t.Errorf("Spell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFindAllocatesNothing holds tagging to its promise: once warm, Find with room in out allocates nothing.
func TestFindAllocatesNothing(t *testing.T) {
	tg := testTagger(t)
	text := hindiNews + " Finance minister Arun Jaitley said on Friday that modi ji will come."
	out := make([]Span, 0, 64)
	tg.Find(text, out)
	if n := testing.AllocsPerRun(20, func() { tg.Find(text, out[:0]) }); n > 0 {
		t.Errorf("Find allocates %.1f times a run", n)
	}
}

func TestModelRoundTrip(t *testing.T) {
	m, err := LoadModel()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	kept, err := WriteModel(&buf, m, 0)
	if err != nil || kept == 0 {
		t.Fatalf("WriteModel: kept %d, %v", kept, err)
	}
	m2, err := ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if m2.minDeva != m.minDeva || m2.minLatin != m.minLatin || len(m2.w) != len(m.w) {
		t.Fatalf("thresholds or size differ after a round trip")
	}
	for i := range m.w {
		if m.w[i] != m2.w[i] {
			t.Fatalf("weight %d: %v, want %v", i, m2.w[i], m.w[i])
		}
	}
	// a cut file is an error, not a panic or a half model
	if _, err := ReadModel(bytes.NewReader(buf.Bytes()[:buf.Len()/2])); err == nil {
		t.Error("ReadModel of half a file: no error")
	}
	if _, err := ReadModel(strings.NewReader("not gzip")); err == nil {
		t.Error("ReadModel of garbage: no error")
	}
}

// FuzzFind: any input, valid UTF-8 or not, gives ordered spans inside the text, never a panic.
func FuzzFind(f *testing.F) {
	tg := testTagger(f)
	for _, s := range []string{hindiNews, "#RahulGandhi @narendramodi ji", "Mr. A B C D E said", "\xff\xfe ज़ ़ ji", "", "@#", "a'b’c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, sp := range tg.Find(s, nil) {
			if sp.Start < last || sp.End <= sp.Start || sp.End > len(s) {
				t.Fatalf("span %+v out of order or bounds in %d bytes", sp, len(s))
			}
			last = sp.End
		}
		tg.Spell(s)
	})
}

func BenchmarkFind(b *testing.B) {
	tg := testTagger(b)
	text := strings.Repeat(hindiNews+" Finance minister Arun Jaitley said on Friday that the rates will fall. ", 10)
	toks := len(Tokenize(text, nil))
	out := make([]Span, 0, 256)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		tg.Find(text, out[:0])
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*toks), "ns/token")
}
