package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"calcinosiskb/internal/content"
	"calcinosiskb/internal/dbsetup"
)

const contentGenUsage = "usage: kb content gen [-dir content] [-migrations migrations] [-date YYYY-MM-DD] [-summary text]"

// runContentGen is "kb content gen": it compares the content files in -dir, read by load,
// with the content as the migrations in -migrations leave it, and writes the migration pair
// that makes the difference a release, or says that there is none.
func runContentGen(ctx context.Context, args []string, getenv func(string) string, load func(dir string) (content.Records, error), stdout io.Writer) error {
	flags := flag.NewFlagSet("kb content gen", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	dir := flags.String("dir", "content", "the content files")
	migrationsDir := flags.String("migrations", "migrations", "the migrations directory, where the pair is written")
	dateText := flags.String("date", "", "the release's date, YYYY-MM-DD (default: today, UTC)")
	summary := flags.String("summary", "", "the release's one-line summary (default: counts of what changed)")
	if err := flags.Parse(args); err != nil {
		return fmt.Errorf("%w; %s", err, contentGenUsage)
	}
	if flags.NArg() != 0 {
		return fmt.Errorf("unexpected argument %q; %s", flags.Arg(0), contentGenUsage)
	}
	date := time.Now().UTC().Truncate(24 * time.Hour)
	if *dateText != "" {
		var err error
		if date, err = time.Parse(time.DateOnly, *dateText); err != nil {
			return fmt.Errorf("-date %q is not YYYY-MM-DD", *dateText)
		}
	}
	after, err := load(*dir)
	if err != nil {
		return fmt.Errorf("read content files in %s: %w", *dir, err)
	}
	files, err := contentGen(ctx, getenv, after, *migrationsDir, date, *summary)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fmt.Fprintf(stdout, "The content files and the migrations in %s agree: nothing to write.\n", *migrationsDir)
		return nil
	}
	for _, f := range files {
		fmt.Fprintln(stdout, "wrote", f)
	}
	return nil
}

// contentGen writes the migration pair that takes the content as the migrations in
// migrationsDir leave it to after, replaying them on a scratch database on the server the
// service would use (see dbsetup.Resolve). It returns the files written, none when there is
// nothing to change.
func contentGen(ctx context.Context, getenv func(string) string, after content.Records, migrationsDir string, date time.Time, summary string) ([]string, error) {
	srv, err := dbsetup.Resolve(ctx, getenv("DATABASE_URL"), dataDir, slog.Default())
	if err != nil {
		return nil, err
	}
	files, err := content.Generate(ctx, srv.URL, after, migrationsDir, date, summary)
	if err != nil {
		return nil, fmt.Errorf("generate the content migration: %w", err)
	}
	return files, nil
}
