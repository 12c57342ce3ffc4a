package main

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
)

// answer is the part of a search response the comparison reads.
type answer struct {
	Total uint64 `json:"total"`
	Hits  []struct {
		ID string `json:"id"`
	} `json:"hits"`
	Facets    map[string][]map[string]any `json:"facets"`
	FacetMeta struct {
		Undated      int    `json:"undated"`
		DateInterval string `json:"date_interval"`
	} `json:"facet_meta"`
}

// counts is a response's facets as value → count per facet, with the
// histogram by label, undated and the bucket size: what "identical"
// compares beside the total.
func (a *answer) counts() map[string]map[string]float64 {
	out := map[string]map[string]float64{"meta": {
		"undated": float64(a.FacetMeta.Undated), "interval:" + a.FacetMeta.DateInterval: 1}}
	for facet, vals := range a.Facets {
		m := map[string]float64{}
		for _, v := range vals {
			key, _ := v["value"].(string)
			if facet == "dates" {
				key, _ = v["label"].(string)
			}
			c, _ := v["count"].(float64)
			m[key] = c
		}
		out[facet] = m
	}
	return out
}

// comparison is the outcome of sending the same queries to the cluster and
// to one node holding the same documents.
type comparison struct {
	queries, identical int
	overlap            float64 // mean share of one node's top 10 in the cluster's
	// overlapRel and overlapDate split it by sort: relevance, where each
	// shard scores with its own term statistics, and date, where it cannot.
	overlapRel, overlapDate float64
	clusterMS, singleMS     []float64
	firstDiff               string
}

func compare(ctx context.Context, clusterURL, singleURL string, qs []string) (comparison, error) {
	var c comparison
	var overlapSum, relSum, dateSum float64
	var rels, dates int
	for _, q := range qs {
		var a, b answer
		t0 := time.Now()
		if err := getJSON(ctx, clusterURL+"/api/search?"+q, &a); err != nil {
			return c, fmt.Errorf("cluster: %s: %w", q, err)
		}
		t1 := time.Now()
		if err := getJSON(ctx, singleURL+"/api/search?"+q, &b); err != nil {
			return c, fmt.Errorf("single node: %s: %w", q, err)
		}
		c.clusterMS = append(c.clusterMS, float64(t1.Sub(t0).Microseconds())/1000)
		c.singleMS = append(c.singleMS, float64(time.Since(t1).Microseconds())/1000)
		c.queries++
		if a.Total == b.Total && reflect.DeepEqual(a.counts(), b.counts()) {
			c.identical++
		} else if c.firstDiff == "" {
			c.firstDiff = fmt.Sprintf("%s: cluster total %d facets %v; single %d facets %v", q, a.Total, a.counts(), b.Total, b.counts())
		}
		want := map[string]bool{}
		for _, h := range b.Hits {
			want[h.ID] = true
		}
		share := 1.0
		if len(want) > 0 {
			shared := 0
			for _, h := range a.Hits {
				if want[h.ID] {
					shared++
				}
			}
			share = float64(shared) / float64(len(want))
		}
		overlapSum += share
		if len(want) > 0 && strings.Contains(q, "sort=") {
			dateSum, dates = dateSum+share, dates+1
		} else if len(want) > 0 {
			relSum, rels = relSum+share, rels+1
		}
	}
	c.overlap = overlapSum / float64(max(c.queries, 1))
	c.overlapRel, c.overlapDate = relSum/float64(max(rels, 1)), dateSum/float64(max(dates, 1))
	return c, nil
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
