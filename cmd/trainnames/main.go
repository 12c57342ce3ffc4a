// Command trainnames writes the name tagger's data files in entities/names/data (run by
// `make train-names`):
//
//   - with -myneta, candidate_names.txt: the names of the 2014 Lok Sabha candidates from ADR/myneta (as
//     held in ../shared/gazetteer/ls2014_candidates_myneta.csv), one per line, for the first-name and
//     surname lexicons;
//   - with -hiner, model.bin.gz: an averaged perceptron trained on the HiNER development sentences whose
//     id hashes (FNV-1a 32, mod 5) to non-zero, each as written and romanized, with score thresholds
//     chosen on fold 1 by a model trained on folds 2–4; it prints the tagger's person precision, recall
//     and F1 on the held-out fold 0.
//
// The lexicon step comes first and in its own run, because the model step reads the lexicon embedded in
// the entities/names package it is compiled with.
package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsearch/bilingual/analyzers/translit"
	"github.com/newsearch/bilingual/entities"
	"github.com/newsearch/bilingual/entities/names"
)

func main() {
	hiner := flag.String("hiner", "", "HiNER development set (JSON lines) to train the model on")
	myneta := flag.String("myneta", "", "myneta 2014 candidates CSV to write the name lexicon from")
	out := flag.String("out", "entities/names/data", "directory of the data files")
	epochs := flag.Int("epochs", 16, "training passes (16: the best F1 on the calibration fold of 4 to 32)")
	prune := flag.Float64("prune", 0.05, "leave out weights of smaller magnitude")
	minP := flag.Float64("min-precision", 0.875, "the precision the score thresholds aim for on the calibration fold")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if *myneta == "" && *hiner == "" {
		fmt.Fprintln(os.Stderr, "trainnames: give -myneta, -hiner or both (in separate runs: see the doc comment)")
		os.Exit(2)
	}
	if *myneta != "" {
		if err := writeLexicon(*myneta, filepath.Join(*out, "candidate_names.txt")); err != nil {
			log.Error("lexicon", "err", err)
			os.Exit(1)
		}
	}
	if *hiner != "" {
		if err := trainModel(log, *hiner, filepath.Join(*out, "model.bin.gz"), *epochs, float32(*prune), *minP); err != nil {
			log.Error("model", "err", err)
			os.Exit(1)
		}
	}
}

// writeLexicon writes the candidates' names in title case, titles and initials dropped, sorted, distinct.
func writeLexicon(csvPath, outPath string) error {
	f, err := os.Open(csvPath)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: header: %w", csvPath, err)
	}
	col := -1
	for i, h := range head {
		if h == "Candidate" {
			col = i
		}
	}
	if col < 0 {
		return fmt.Errorf("%s: no Candidate column", csvPath)
	}
	seen := map[string]bool{}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %w", csvPath, line, err)
		}
		var ws []string
		for _, w := range strings.FieldsFunc(rec[col], func(r rune) bool { return r == ' ' || r == '.' || r == ',' }) {
			lw := strings.ToLower(w)
			if utf8.RuneCountInString(w) < 3 || lw == "adv" || lw == "shri" || lw == "smt" || lw == "prof" || lw == "alias" || lw == "urf" {
				continue
			}
			isWord := true
			for _, c := range lw {
				if c < 'a' || c > 'z' {
					isWord = false
				}
			}
			if isWord {
				ws = append(ws, strings.ToUpper(lw[:1])+lw[1:])
			}
		}
		if len(ws) >= 2 {
			seen[strings.Join(ws, " ")] = true
		}
	}
	list := make([]string, 0, len(seen))
	for n := range seen {
		list = append(list, n)
	}
	sort.Strings(list)
	var b strings.Builder
	b.WriteString("# Names of the candidates in the 2014 Lok Sabha election, for the name tagger's first-name and surname\n")
	b.WriteString("# lexicons. Source: Association for Democratic Reforms (myneta.info) candidate affidavits, 2014, as\n")
	b.WriteString("# collected by datameet/india-election-data (ls2014_candidates_myneta.csv in the shared gazetteer).\n")
	b.WriteString("# Written by `make train-names`: title case, titles and initials dropped, names of one word left out.\n")
	for _, n := range list {
		b.WriteString(n)
		b.WriteByte('\n')
	}
	return os.WriteFile(outPath, []byte(b.String()), 0o644)
}

type nerLine struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Entities []struct {
		Type       string `json:"type"`
		Start, End int
	} `json:"entities"`
}

// fold returns a sentence's fifth: 0 is held out for evaluation (the same rule as entities' tests), 1
// calibrates the thresholds of a model trained on 2–4 before the final one is trained on 1–4.
func fold(id string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(id))
	return h.Sum32() % 5
}

// example turns a HiNER line into a training example; with rng it romanizes every word and capitalizes
// names, places and organisations (mostly) and the first word (sometimes), as romanized news and tweets
// often do.
func example(l nerLine, rng *rand.Rand) (names.Example, bool) {
	words := strings.Fields(l.Text)
	kind := make([]string, len(words))
	for _, e := range l.Entities {
		if e.Start < 0 || e.End > len(words) || e.Start >= e.End {
			return names.Example{}, false
		}
		for i := e.Start; i < e.End; i++ {
			kind[i] = e.Type
		}
	}
	var b strings.Builder
	var ex names.Example
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		if rng != nil {
			w = translit.Plain(w)
			named := kind[i] == "PERSON" || kind[i] == "LOCATION" || kind[i] == "ORGANIZATION"
			if (named && rng.Float64() < 0.8) || (i == 0 && rng.Float64() < 0.5) {
				r, size := utf8.DecodeRuneInString(w)
				w = string(unicode.ToUpper(r)) + w[size:]
			}
		}
		start := b.Len()
		b.WriteString(w)
		if kind[i] == "PERSON" {
			// a name of several words is one span
			if n := len(ex.Names); n > 0 && i > 0 && kind[i-1] == "PERSON" && ex.Names[n-1].End == start-1 {
				ex.Names[n-1].End = b.Len()
			} else {
				ex.Names = append(ex.Names, names.Span{Start: start, End: b.Len()})
			}
		}
	}
	ex.Text = b.String()
	return ex, true
}

func trainModel(log *slog.Logger, path, outPath string, epochs int, prune float32, minP float64) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var train, test []names.Example
	var inner, calib []names.Example // folds 2–4, and fold 1
	rng := rand.New(rand.NewPCG(1, 2))
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		var l nerLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		ex, ok := example(l, nil)
		if !ok {
			return fmt.Errorf("%s:%d: id %s: entity span out of range", path, line, l.ID)
		}
		f := fold(l.ID)
		if f == 0 {
			test = append(test, ex)
			continue
		}
		rom, _ := example(l, rng)
		train = append(train, ex, rom)
		if f == 1 {
			calib = append(calib, ex, rom)
		} else {
			inner = append(inner, ex, rom)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	g, err := entities.Load()
	if err != nil {
		return err
	}
	lex := names.NewLexicon(entities.PersonNames(g))
	deva, latin := names.Calibrate(names.Train(inner, lex, epochs, 7), lex, calib, minP)
	log.Info("calibrated on fold 1", "deva", deva, "latin", latin)
	m := names.Train(train, lex, epochs, 7)
	m.SetThresholds(deva.Min, latin.Min)
	tg := names.NewTagger(m, lex)
	var pOK, pN, gOK, gN int
	for _, ex := range test {
		pred := tg.Find(ex.Text, nil)
		for _, p := range pred {
			pN++
			for _, s := range ex.Names {
				if p.Start < s.End && s.Start < p.End {
					pOK++
					break
				}
			}
		}
		for _, s := range ex.Names {
			gN++
			for _, p := range pred {
				if p.Start < s.End && s.Start < p.End {
					gOK++
					break
				}
			}
		}
	}
	P, R := float64(pOK)/float64(max(pN, 1)), float64(gOK)/float64(max(gN, 1))
	log.Info("tagger alone on the held-out fifth", "sentences", len(test), "P", P, "R", R, "F1", 2*P*R/max(P+R, 1e-9))
	o, err := os.Create(outPath)
	if err != nil {
		return err
	}
	kept, err := names.WriteModel(o, m, prune)
	if err != nil {
		o.Close()
		return fmt.Errorf("%s: %w", outPath, err)
	}
	if err := o.Close(); err != nil {
		return err
	}
	log.Info("wrote model", "path", outPath, "weights", kept, "train_sentences", len(train)/2)
	return nil
}
