package envflags

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

func TestApply(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		addr    string
		workers int
		quiet   bool
		wantErr string
	}{
		{name: "defaults", addr: "127.0.0.1:8080", workers: 2},
		{name: "env sets", env: map[string]string{"APP_ADDR": ":9", "APP_MAX_WORKERS": "7", "APP_QUIET": "true"},
			addr: ":9", workers: 7, quiet: true},
		{name: "flag beats env", args: []string{"--addr", ":1", "--max-workers=3"},
			env: map[string]string{"APP_ADDR": ":9", "APP_MAX_WORKERS": "7"}, addr: ":1", workers: 3},
		{name: "empty is unset", env: map[string]string{"APP_ADDR": ""}, addr: "127.0.0.1:8080", workers: 2},
		{name: "version is not configuration", env: map[string]string{"APP_VERSION": "true"},
			addr: "127.0.0.1:8080", workers: 2},
		{name: "bad value names the variable", env: map[string]string{"APP_MAX_WORKERS": "many"},
			wantErr: "$APP_MAX_WORKERS (--max-workers)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := pflag.NewFlagSet("app", pflag.ContinueOnError)
			addr := fs.String("addr", "127.0.0.1:8080", "listen address")
			workers := fs.Int("max-workers", 2, "workers")
			quiet := fs.BoolP("quiet", "q", false, "quiet")
			version := fs.Bool("version", false, "print the version")
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			err := Apply(fs, "APP", func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if *addr != tt.addr || *workers != tt.workers || *quiet != tt.quiet || *version {
				t.Errorf("got addr %q workers %d quiet %v version %v, want %q %d %v false",
					*addr, *workers, *quiet, *version, tt.addr, tt.workers, tt.quiet)
			}
		})
	}
}

func TestAnnotateShowsVariables(t *testing.T) {
	fs := pflag.NewFlagSet("app", pflag.ContinueOnError)
	fs.String("max-body-bytes", "1", "limit")
	fs.Bool("version", false, "print the version")
	Annotate(fs, "APP")
	var out bytes.Buffer
	fs.SetOutput(&out)
	fs.PrintDefaults()
	if !strings.Contains(out.String(), "$APP_MAX_BODY_BYTES") {
		t.Errorf("usage lacks the variable:\n%s", out.String())
	}
	if strings.Contains(out.String(), "APP_VERSION") {
		t.Errorf("usage offers a variable for --version:\n%s", out.String())
	}
}
