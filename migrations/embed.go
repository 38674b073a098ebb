// Package migrations holds the schema and the seeded content as golang-migrate SQL files.
package migrations

import "embed"

// FS holds every migration file, embedded so the binary migrates without the source tree.
//
//go:embed *.sql
var FS embed.FS
