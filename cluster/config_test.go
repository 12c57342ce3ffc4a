package cluster

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseShards(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
		err  string
	}{
		{"", nil, ""},
		{"none", nil, ""},
		{"all", []int{0, 1, 2, 3}, ""},
		{"0-1,3", []int{0, 1, 3}, ""},
		{" 3 , 1-2, 2", []int{1, 2, 3}, ""},
		{"4", nil, "outside"},
		{"2-1", nil, "range"},
		{"x", nil, "not a number"},
		{"-1", nil, "not a number"},
	} {
		got, err := ParseShards(tc.in, 4)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseShards(%q) = %v, %v; want an error with %q", tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseShards(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestConfigCheck(t *testing.T) {
	ok := Config{NodeID: "a", NATSURL: "nats://x", Shards: 4, Replicas: 3, IndexDir: "d", NodeShards: []int{0, 3}}
	if err := ok.Check(); err != nil {
		t.Fatal(err)
	}
	for flag, c := range map[string]Config{
		"--nats-url and --nats-listen": func() Config { c := ok; c.Embedded.Listen = "127.0.0.1:0"; return c }(),
		"--node-id":                    func() Config { c := ok; c.NodeID = ""; return c }(),
		"--shards":                     func() Config { c := ok; c.Shards = 0; return c }(),
		"--replicas":                   func() Config { c := ok; c.Replicas = 7; return c }(),
		"--node-shards":                func() Config { c := ok; c.NodeShards = []int{4}; return c }(),
		"--nats-store": func() Config {
			c := ok
			c.NATSURL, c.Embedded.Listen = "", "127.0.0.1:0"
			return c
		}(),
		"--nats-cluster": func() Config {
			c := ok
			c.NATSURL, c.Embedded = "", EmbeddedConfig{Listen: "127.0.0.1:0", StoreDir: "s", Routes: []string{"h:1"}}
			return c
		}(),
	} {
		if err := c.Check(); err == nil || !strings.Contains(err.Error(), flag) {
			t.Errorf("Check() = %v; want an error naming %s", err, flag)
		}
	}
}

// TestShardOfIsFixed pins the hash: a change would send every document of
// an existing cluster to the wrong shard.
func TestShardOfIsFixed(t *testing.T) {
	// FNV-1a("a") = 0xe40c292c, 44 modulo 64.
	for id, want := range map[string]int{"a": 44, "ct-00001": 36, "इस्तीफा": 0} {
		if got := ShardOf(id, 64); got != want {
			t.Errorf("ShardOf(%q, 64) = %d, want %d", id, got, want)
		}
	}
	counts := make([]int, 8)
	for i := range 8000 {
		counts[ShardOf(strings.Repeat("x", i%7)+string(rune('a'+i%26))+string(rune(i)), 8)]++
	}
	for s, n := range counts {
		if n < 700 || n > 1300 {
			t.Errorf("shard %d got %d of 8000 ids: the hash spreads badly", s, n)
		}
	}
}

// FuzzParseShards checks that any shard set either is refused or lists
// sorted, distinct shards within range.
func FuzzParseShards(f *testing.F) {
	for _, s := range []string{"all", "none", "0-3,7", " 1 , 2-2", "5-1", "-", ",,", "9999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseShards(s, 16)
		if err != nil {
			return
		}
		for i, x := range got {
			if x < 0 || x >= 16 || (i > 0 && got[i-1] >= x) {
				t.Fatalf("ParseShards(%q) = %v", s, got)
			}
		}
	})
}
