package main

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"time"

	"github.com/newsearch/bilingual/articles"
)

// The vocabulary of the synthesized articles: written here, so the test
// needs no data from outside the repository. Names are ones the embedded
// gazetteer knows, so people, parties and places facets fill.
var (
	enWords = strings.Fields("election lockdown farmers protest budget resignation minister rally vaccine court " +
		"verdict flood drought railway school hospital police strike parliament bill tax inflation monsoon " +
		"cricket temple bridge water electricity jobs students")
	hiWords = strings.Fields("चुनाव लॉकडाउन किसान प्रदर्शन बजट इस्तीफा मंत्री रैली टीका अदालत फैसला बाढ़ सूखा " +
		"रेलवे स्कूल अस्पताल पुलिस हड़ताल संसद विधेयक महंगाई मानसून क्रिकेट मंदिर पुल पानी बिजली नौकरी छात्र")
	enPeople  = []string{"Rahul Gandhi", "Narendra Modi", "Ashok Gehlot", "Mamata Banerjee", "Arvind Kejriwal", "Nitish Kumar"}
	hiPeople  = []string{"राहुल गांधी", "नरेंद्र मोदी", "अशोक गहलोत", "ममता बनर्जी", "अरविंद केजरीवाल", "नीतीश कुमार"}
	enParties = []string{"BJP", "Congress", "AAP", "Trinamool Congress"}
	hiParties = []string{"भाजपा", "कांग्रेस", "आम आदमी पार्टी", "समाजवादी पार्टी"}
	enPlaces  = []string{"Rajasthan", "Bihar", "Kerala", "West Bengal", "Delhi"}
	hiPlaces  = []string{"राजस्थान", "बिहार", "उत्तर प्रदेश", "मध्य प्रदेश", "दिल्ली"}
	sources   = []string{"Amar Ujala", "The Hindu", "Dainik Jagran", "NDTV", ""}
)

// article is the n-th synthesized article, version v (an update replaces
// version 0 under the same id).
func article(n, v int) articles.Document {
	r := rand.New(rand.NewPCG(uint64(n), uint64(v)+1))
	pick := func(l []string) string { return l[r.IntN(len(l))] }
	hindi := r.IntN(2) == 0
	var sentences []string
	for range 3 + r.IntN(4) {
		if hindi {
			sentences = append(sentences, fmt.Sprintf("%s ने %s में %s और %s पर %s के साथ बात की।",
				pick(hiPeople), pick(hiPlaces), pick(hiWords), pick(hiWords), pick(hiParties)))
		} else {
			sentences = append(sentences, fmt.Sprintf("%s said the %s and %s in %s were discussed with the %s %s.",
				pick(enPeople), pick(enWords), pick(enWords), pick(enPlaces), pick(enParties), pick(enWords)))
		}
	}
	d := articles.Document{
		ID:     fmt.Sprintf("ct-%05d", n),
		Body:   strings.Join(sentences, " ") + fmt.Sprintf(" (%d.%d)", n, v),
		Source: pick(sources),
	}
	if r.IntN(3) > 0 {
		if hindi {
			d.Title = pick(hiWords) + " " + pick(hiWords)
		} else {
			d.Title = pick(enWords) + " " + pick(enWords)
		}
	}
	if r.IntN(20) > 0 { // one in twenty undated
		d.Date = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(3650))
	}
	return d
}

// queries are n search URLs' query strings: words in either script, names,
// filters, sorts, facet sizes and counts only.
func queries(n int) []string {
	r := rand.New(rand.NewPCG(42, 7))
	pick := func(l []string) string { return l[r.IntN(len(l))] }
	var out []string
	for i := 0; len(out) < n; i++ {
		v := url.Values{}
		switch i % 6 {
		case 0:
			v.Set("q", pick(enWords))
		case 1:
			v.Set("q", pick(hiWords))
		case 2:
			v.Set("q", pick(enWords)+" "+pick(enWords))
		case 3:
			v.Set("q", pick(hiWords)+" "+pick(hiWords))
		case 4:
			v.Set("q", pick(append(append([]string{}, enPeople...), hiPeople...)))
		case 5:
			v.Set("q", pick(enWords)+" "+pick(hiWords)+" "+pick(enWords)+" "+pick(enParties))
		}
		switch i % 7 {
		case 1:
			v.Set("party", pick([]string{"BJP", "INC", "AAP"}))
		case 2:
			v.Set("from", fmt.Sprint(2016+r.IntN(5)))
			v.Set("to", fmt.Sprint(2020+r.IntN(4)))
		case 3:
			v.Set("lang", pick([]string{"en", "hi"}))
		case 4:
			v.Set("person", pick(hiPeople))
		case 5:
			v.Set("place", pick(enPlaces))
			v.Set("sort", "-date")
		case 6:
			v.Set("size", "0")
		}
		if i%5 == 1 {
			v.Set("facet_size", "3")
		}
		if i%4 != 0 {
			v.Set("collapse", "false")
		}
		out = append(out, v.Encode())
	}
	return out
}
