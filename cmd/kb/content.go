package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"calcinosiskb/internal/config"
	"calcinosiskb/internal/content"
)

// contentDir is where the content files live, relative to the repository root.
const contentDir = "content"

const contentUsage = "usage: kb content check|export [dir] | kb content gen [flags]"

// runContent runs a content sub-command: check validates the files without a database,
// export writes them from the migrated database.
func runContent(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	if len(args) == 0 || len(args) > 2 {
		return errors.New(contentUsage)
	}
	dir := contentDir
	if len(args) == 2 {
		dir = args[1]
	}
	switch args[0] {
	case "check":
		return contentCheck(dir, stdout)
	case "export":
		return contentExport(ctx, cfg, log, dir, stdout)
	default:
		return fmt.Errorf("unknown content command %q; %s", args[0], contentUsage)
	}
}

// contentCheck loads and checks the files; it opens no database connection.
func contentCheck(dir string, stdout io.Writer) error {
	recs, err := content.Load(dir)
	var probs content.Problems
	if errors.As(err, &probs) {
		return fmt.Errorf("%s: %d problems:\n%w", dir, len(probs), err)
	}
	if err != nil {
		return err
	}
	n := 0
	for _, k := range content.Kinds {
		n += len(recs[k.Name])
	}
	fmt.Fprintf(stdout, "%s: %d records, no problems\n", dir, n)
	return nil
}

// contentExport reads every record from the database in one snapshot and writes the files.
func contentExport(ctx context.Context, cfg config.Config, log *slog.Logger, dir string, stdout io.Writer) error {
	url, err := databaseURL(ctx, cfg, log)
	if err != nil {
		return err
	}
	st, err := content.ReadState(ctx, url)
	if err != nil {
		return err
	}
	if err := content.Write(dir, st.Records); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", dir)
	return nil
}
