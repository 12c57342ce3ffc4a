// Command synth writes a synthetic bilingual news corpus for benchmarks,
// resampled from the real sentences in the shared corpora.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/newsearch/bilingual/bench/synth"
	"github.com/newsearch/bilingual/entities"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("synth", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	docs := fs.Int("docs", 10000, "number of articles")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same corpus")
	out := fs.String("out", "", "output JSONL file; empty means stdout")
	shared := fs.String("shared", "../shared", "the shared data directory holding corpus/")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: synth [--docs N] [--seed S] [--out FILE] [--shared DIR]\n\n"+
			"Writes N synthetic articles (55%% English, 40%% Hindi, 5%% mixed) as JSONL.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "synth: %v (see --help)\n", err)
		return 2
	}
	if *docs < 0 {
		fmt.Fprintln(stderr, "synth: --docs must not be negative")
		return 2
	}
	if st, err := os.Stat(*shared); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "skipped: %s absent\n", *shared)
		return 0
	}
	gaz, err := entities.Load()
	if err != nil {
		fmt.Fprintf(stderr, "synth: %v\n", err)
		return 1
	}
	pools, err := synth.Load(*shared, gaz)
	if err != nil {
		fmt.Fprintf(stderr, "synth: %v\n", err)
		return 1
	}
	var st synth.Stats
	if *out == "" {
		st, err = pools.Write(stdout, *docs, *seed)
	} else {
		st, err = pools.WriteFile(*out, *docs, *seed)
	}
	if err != nil {
		fmt.Fprintf(stderr, "synth: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "synth: docs=%d english=%d hindi=%d mixed=%d bytes=%d\n",
		st.Docs, st.English, st.Hindi, st.Mixed, st.Bytes)
	return 0
}
