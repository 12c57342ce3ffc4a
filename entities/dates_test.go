package entities

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func mustDay(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func days(ss ...string) []time.Time {
	var out []time.Time
	for _, s := range ss {
		out = append(out, mustDay(s))
	}
	return out
}

func TestExtractDates(t *testing.T) {
	sat := mustDay("2019-06-29") // a Saturday
	fri := mustDay("2024-03-22") // a Friday
	tests := []struct {
		name string
		text string
		pub  time.Time
		want []time.Time
	}{
		{"month day year", "on July 1, 2019 he said", time.Time{}, days("2019-07-01")},
		{"day month year", "on 1 July 2019 he said", time.Time{}, days("2019-07-01")},
		{"ordinal", "on 1st July, 2019 he said", time.Time{}, days("2019-07-01")},
		{"abbreviated", "from Mar 22, 2024", time.Time{}, days("2024-03-22")},
		{"month year is not a day", "in July 2019 he said", time.Time{}, nil},
		{"Indian numeric", "dated 29/06/2019.", time.Time{}, days("2019-06-29")},
		{"numeric with dashes", "dated 29-06-2019", time.Time{}, days("2019-06-29")},
		{"impossible numeric", "dated 06/29/2019", time.Time{}, nil},
		{"ISO", "at 2019-06-29T10:00", time.Time{}, days("2019-06-29")},
		{"Hindi", "1 जुलाई 2019 को", time.Time{}, days("2019-07-01")},
		{"Devanagari digits", "१ जुलाई २०१९ को", time.Time{}, days("2019-07-01")},
		{"Hindi month year", "जुलाई 2019 में", time.Time{}, nil},
		{"bare year", "वर्ष 2019 में और in 2017", time.Time{}, nil},
		{"no year: published year", "in a meeting on May 25.", sat, days("2019-05-25")},
		{"no year, no published date", "in a meeting on May 25.", time.Time{}, nil},
		{"weekday before", "On Friday, leaders resigned.", sat, days("2019-06-28")},
		{"weekday same day", "on Friday he resigned", fri, days("2024-03-22")},
		{"weekday without published date", "On Friday, leaders resigned.", time.Time{}, nil},
		{"Hindi weekday", "शुक्रवार को इस्तीफा", sat, days("2019-06-28")},
		{"weekday dated in text", "14 अप्रैल यानी कल मंगलवार को", mustDay("2020-04-13"), days("2020-04-14")},
		{"weekday with its date", "Friday, March 22, 2024", time.Time{}, days("2024-03-22")},
		{"today and yesterday", "today and yesterday", sat, days("2019-06-28", "2019-06-29")},
		{"आज", "आज सुबह", sat, days("2019-06-29")},
		{"कल is skipped", "कल सुबह", sat, nil},
		{"may the verb", "It may be recalled that we may go.", sat, nil},
		{"durations", "for last 15 years and last 40 years, 145 office bearers", sat, nil},
		{"score and phone", "won 2-1; call 011-2345-6789 or 98100 12345", sat, nil},
		{"31 June", "on 31 June 2019", time.Time{}, nil},
		{"far year", "on 1 July 1850", time.Time{}, nil},
		{"distinct sorted", "July 1, 2019 and 29 June 2019 and 1 July 2019", time.Time{}, days("2019-06-29", "2019-07-01")},
	}
	for _, tc := range tests {
		got := ExtractDates(tc.text, tc.pub)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: ExtractDates(%q) = %v, want %v", tc.name, tc.text, got, tc.want)
		}
	}
}

func TestInferPublished(t *testing.T) {
	tests := []struct {
		text string
		want time.Time
		ok   bool
	}{
		{"New Delhi, June 29, 2019 (PTI) Congress leaders...", mustDay("2019-06-29"), true},
		{"BHOPAL, June 30: Congress leaders... In 2019, on June 1, 2019 ...", mustDay("2019-06-30"), true},
		{"नई दिल्ली, 29 जून 2019 कांग्रेस", mustDay("2019-06-29"), true},
		{"Leaders met on June 1, 2019 and again on 3 July 2019.", mustDay("2019-07-03"), true},
		{"BHOPAL: Senior Congress leader resigned on Sunday.", time.Time{}, false},
	}
	for _, tc := range tests {
		got, ok := InferPublished(tc.text)
		if ok != tc.ok || !got.Equal(tc.want) {
			t.Errorf("InferPublished(%q) = %v, %v; want %v, %v", tc.text, got, ok, tc.want, tc.ok)
		}
	}
}

func TestSeeds(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		seed      string
		people    []string
		parties   []string
		published string
		inferred  bool
		dates     []string
	}{
		{"000_a40097178b98bcf5", []string{"deepak-babaria", "girish-chodankar", "nanabhau-patole", "ponnam-prabhakar", "rahul-gandhi", "rajesh-dharmani", "rajesh-lilothia", "sumitra-chauhan", "virender-rathore", "vivek-tankha"},
			[]string{"INC"}, "2019-06-29", false, []string{"2019-05-25", "2019-06-27", "2019-06-28", "2019-06-29"}},
		{"001_86d224ccf8681ea8", []string{"deepak-babaria", "jyotiraditya-scindia", "kamal-nath", "rahul-gandhi", "vivek-tankha"},
			[]string{"INC"}, "2019-06-29", true, []string{"2019-06-29"}},
		{"002_884ef39863f3952b", []string{"ashok-gehlot", "rahul-gandhi"}, []string{"BJP", "INC"}, "2019-07-01", true, []string{"2019-07-01"}},
		{"003_14abfe42ffc44221", []string{"mallikarjun-kharge", "rohan-gupta", "x-rjknr-gpt"}, []string{"BJP", "INC"}, "2024-03-22", false, []string{"2024-03-22", "2024-05-07"}},
		{"004_96cd61e10502fc97", []string{"amarinder-singh", "balwan-singh", "ghulam-nabi-azad", "narendra-modi", "rahul-gandhi", "sonia-gandhi", "tara-chand", "vikar-rasool-wani", "x-abl-nsr", "x-rhn-nrcndn"},
			[]string{"AITC", "BJP", "INC"}, "", false, nil},
	}
	bjp := 0
	for _, tc := range tests {
		r := x.Extract(seedArticle(t, tc.seed))
		if !reflect.DeepEqual(r.People, tc.people) {
			t.Errorf("%s: people %q, want %q", tc.seed, r.People, tc.people)
		}
		if !reflect.DeepEqual(r.Parties, tc.parties) {
			t.Errorf("%s: parties %q, want %q", tc.seed, r.Parties, tc.parties)
		}
		for _, p := range r.Parties {
			if p == "BJP" {
				bjp++
			}
		}
		pub := ""
		if !r.Published.IsZero() {
			pub = r.Published.Format("2006-01-02")
		}
		if pub != tc.published || r.PublishedInferred != tc.inferred {
			t.Errorf("%s: published %q inferred %v, want %q %v", tc.seed, pub, r.PublishedInferred, tc.published, tc.inferred)
		}
		var ds []string
		for _, d := range r.Dates {
			ds = append(ds, d.Format("2006-01-02"))
		}
		if !reflect.DeepEqual(ds, tc.dates) {
			t.Errorf("%s: dates %q, want %q", tc.seed, ds, tc.dates)
		}
	}
	if bjp != 3 {
		t.Errorf("%d seeds name the BJP, want 3", bjp)
	}
	// Both labels of a person the seeds name in both scripts.
	r := x.Extract(seedArticle(t, "002_884ef39863f3952b"))
	forms := map[string]bool{}
	for _, m := range r.Mentions {
		if m.ID == "ashok-gehlot" {
			forms[m.Text] = true
		}
	}
	if !forms["अशोक गहलोत"] || !forms["Ashok Gehlot"] {
		t.Errorf("seed 002: Ashok Gehlot found as %v, want both scripts", forms)
	}
}

func FuzzExtractDates(f *testing.F) {
	f.Add("On Friday, July 1, 2019 and 29/06/2019 and १ जुलाई २०१९", int64(1561766400))
	f.Add("May 99, 9999 31/02/2019 2019-13-45 शुक्रवार आज today", int64(0))
	f.Add("0-0-0000 ०९/०९/१९५० Sunday", int64(-62135596800))
	f.Fuzz(func(t *testing.T, s string, unix int64) {
		var pub time.Time
		if unix != 0 {
			pub = time.Unix(unix%(200*365*86400), 0).UTC() // within ±200 years of 1970
		}
		for _, d := range ExtractDates(s, pub) {
			if pub.IsZero() || pub.Year() >= 1900 && pub.Year() <= 2100 {
				if d.Year() < 1900 || d.Year() > 2100 {
					t.Fatalf("date %v out of range for %q (published %v)", d, s, pub)
				}
			}
		}
		InferPublished(s)
	})
}

func BenchmarkExtract(b *testing.B) {
	x := newTestExtractor(b)
	files, err := filepath.Glob(filepath.Join("..", "testdata", "seeds", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no seeds: %v", err)
	}
	var arts []Article
	size := 0
	for _, f := range files {
		arts = append(arts, seedArticle(b, strings.TrimSuffix(filepath.Base(f), ".txt")))
		if st, err := os.Stat(f); err == nil {
			size += int(st.Size())
		}
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			x.Extract(a)
		}
	}
}
