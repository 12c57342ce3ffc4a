// Package envflags lets every flag of a command be set from the environment,
// so that services can be configured the way their operators' tools
// (systemd units, containers) expect, with the command line still winning.
package envflags

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

// Sentence is the line a command's usage text carries about the environment.
func Sentence(prefix string) string {
	return fmt.Sprintf("Every flag can also be set from the environment as %s_FLAG_NAME (upper case,\n"+
		"- as _; empty counts as unset); a flag on the command line wins.", prefix)
}

// skipped are flags that ask for an action rather than configure one: an
// environment left over from elsewhere must not turn them on.
var skipped = map[string]bool{"help": true, "version": true}

// Var is the environment variable that sets the flag name for the command
// whose variables start with prefix: SEARCHD + max-body-bytes gives
// SEARCHD_MAX_BODY_BYTES.
func Var(prefix, name string) string {
	return prefix + "_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}

// Annotate appends each flag's variable to its usage, so --help shows
// which variable sets it beside its default. Call it once, after defining
// the flags.
func Annotate(fs *pflag.FlagSet, prefix string) {
	fs.VisitAll(func(f *pflag.Flag) {
		if !skipped[f.Name] {
			f.Usage += " [$" + Var(prefix, f.Name) + "]"
		}
	})
}

// Apply sets every flag of fs not given on the command line from its
// variable, when lookup (os.LookupEnv in production) finds it non-empty.
// Call it after fs.Parse. A value the flag refuses is an error naming the
// variable.
func Apply(fs *pflag.FlagSet, prefix string, lookup func(string) (string, bool)) error {
	var errs []string
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Changed || skipped[f.Name] {
			return
		}
		name := Var(prefix, f.Name)
		v, ok := lookup(name)
		if !ok || v == "" {
			return
		}
		if err := fs.Set(f.Name, v); err != nil {
			errs = append(errs, fmt.Sprintf("$%s (--%s): %v", name, f.Name, err))
		}
	})
	if len(errs) > 0 {
		return fmt.Errorf("environment: %s", strings.Join(errs, "; "))
	}
	return nil
}
