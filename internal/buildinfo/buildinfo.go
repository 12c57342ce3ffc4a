// Package buildinfo says which build of the project is running, for
// --version and for operators matching a binary to its source.
package buildinfo

import (
	"fmt"
	"runtime/debug"
)

// stamped is set by the Makefile's build target with
// -ldflags "-X github.com/newsearch/bilingual/internal/buildinfo.stamped=$(git describe --always --dirty)";
// it is never written at run time.
var stamped string

// Version is the build's version: the stamp when the Makefile built it,
// else the main module's version, else the VCS revision Go recorded
// ("+dirty" when the tree had changes), else "unknown".
func Version() string {
	if stamped != "" {
		return stamped
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev == "" {
		return "unknown"
	}
	return rev + dirty
}

// Describe is what a command's --version prints: its name, the build's
// version and the index format it reads and writes.
func Describe(command string, indexFormat int) string {
	return fmt.Sprintf("%s %s\nindex format %d\n", command, Version(), indexFormat)
}
