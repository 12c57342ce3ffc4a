// Package gctune sets the Go collector's pace for the product's commands.
package gctune

import (
	"os"
	"runtime/debug"
)

// Apply sets GOGC to percent and a soft memory limit of limit bytes, unless
// the environment's GOGC or GOMEMLIMIT say otherwise: whoever runs the
// command can always take the choice back. A higher percent trades heap for
// CPU; the limit makes the collector work harder before the heap grows past
// it, so the trade stays bounded.
func Apply(percent int, limit int64) {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
