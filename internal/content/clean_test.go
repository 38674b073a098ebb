package content_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/content"
	"calcinosiskb/internal/testdb"
)

// TestRepository_GenerationIsClean runs the generator on the repository's content files and
// a copy of its migrations, as a curator would before committing: it must find nothing to
// write. It fails when a content file was changed without generating its release, or a
// migration changed content that the files do not hold.
func TestRepository_GenerationIsClean(t *testing.T) {
	after, err := content.Load("../../content")
	require.NoError(t, err)
	dir := migrationsDir(t)
	files, err := content.Generate(context.Background(), testdb.Empty(t), after, dir, time.Now().UTC(), "")
	require.NoError(t, err)
	assert.Empty(t, files, "content gen would write a migration: generate it and commit it with the content change")
}
