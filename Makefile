# Bilingual news search: build, run on the sample, test, evaluate, benchmark.
GO      ?= go
SHARED  ?= ../shared
INDEX   ?= data/index
ADDR    ?= 127.0.0.1:8080
BENCH_DOCS ?= 10000

.PHONY: build run test fuzz eval bench clean train-names cluster-test

# --version prints this stamp; without it Go's recorded VCS revision.
VERSION ?= $(shell git describe --always --dirty 2>/dev/null)
LDFLAGS := -X github.com/newsearch/bilingual/internal/buildinfo.stamped=$(VERSION)

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/indexer ./cmd/indexer
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/searchd ./cmd/searchd

## run: index the seed articles afresh and serve them at http://$(ADDR)
run: build
	rm -rf $(INDEX)
	bin/indexer --index $(INDEX) testdata/seeds
	bin/searchd --index $(INDEX) --addr $(ADDR)

## test: the whole suite (tests needing ../shared skip with a reason when it is absent)
test:
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 12m ./...

## fuzz: a short run of every fuzz target
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime 20s $$pkg || exit 1; \
	  done; \
	done

## eval: retrieval quality on ../shared/eval/xquad, ours next to Bleve's stock analyzers
eval:
	$(GO) run ./cmd/eval --xquad $(SHARED)/eval/xquad

## bench: indexing and search benchmarks on a synthesized corpus of $(BENCH_DOCS) articles (cached in data/bench)
bench: build
	$(GO) run ./cmd/bench --docs $(BENCH_DOCS) --shared $(SHARED)
	LOAD_SECONDS=60 $(GO) test -count=1 -run '^TestLoad$$' -v ./server/

## cluster-test: cluster mode on loopback (3 searchd with embedded NATS, 2 shards x 2 replicas, a routing node),
## SIGKILL of the log's leader, a replica of each shard and the router; compared with one node (cmd/clustertest)
cluster-test: build
	$(GO) run ./cmd/clustertest --searchd bin/searchd --indexer bin/indexer

clean:
	rm -rf bin data

## train-names: the name tagger's lexicon and model (entities/names/data) from ../shared (two runs: the
## model step embeds the lexicon the first writes)
train-names:
	$(GO) run ./cmd/trainnames --myneta $(SHARED)/gazetteer/ls2014_candidates_myneta.csv
	$(GO) run ./cmd/trainnames --hiner $(SHARED)/eval/hiner/dev.jsonl
