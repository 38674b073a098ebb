package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"calcinosiskb"
	"calcinosiskb/api"
	"calcinosiskb/internal/content"
	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/testdb"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }

// The synthetic records pass every constraint of the schema (the database checks them on
// insert), multiply each content table exactly, have findings of their own as their originals
// do, and are served by the API like the seeded records.
func TestGrowDatabase(t *testing.T) {
	ctx := context.Background()
	url := testdb.URL(t)
	const factor = 3
	counts, err := growDatabase(ctx, url, factor)
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) != len(content.Tables()) {
		t.Fatalf("counts for %d tables, want %d", len(counts), len(content.Tables()))
	}
	for _, c := range counts {
		if c.Before == 0 || c.After != factor*c.Before {
			t.Errorf("%s: %d rows grew to %d, want %d", c.Table, c.Before, c.After, factor*c.Before)
		}
	}

	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for table, key := range map[string]string{
		"associated_features":   "associated_feature_id",
		"mechanisms":            "mechanism_id",
		"diagnostic_modalities": "diagnostic_modality_id",
		"treatments":            "treatment_id",
		"prevalence_estimates":  "prevalence_estimate_id",
		"presentation_items":    "presentation_item_id",
		"sources":               "source_id",
	} {
		// A copy has as many findings as its original: seeded prevalence estimates have none
		// (each cites its source itself), and neither do their copies.
		var mismatched int
		sql := fmt.Sprintf(`SELECT count(*) FROM %[1]s AS r
			JOIN %[1]s AS o ON o.id = split_part(r.slug, '-', 3)::bigint
			WHERE r.slug LIKE 'synthetic-%%'
			  AND (SELECT count(*) FROM findings AS f WHERE f.%[2]s = r.id)
			   <> (SELECT count(*) FROM findings AS f WHERE f.%[2]s = o.id)`, table, key)
		if err := conn.QueryRow(ctx, sql).Scan(&mismatched); err != nil {
			t.Fatal(err)
		}
		if mismatched != 0 {
			t.Errorf("%d synthetic %s have not as many findings as their originals", mismatched, table)
		}
	}
	// No finding of a synthetic record cites an original source, and no original record gains one.
	var crossed int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM findings AS f
		JOIN finding_subjects AS fs ON fs.finding_id = f.id
		JOIN sources AS s ON s.id = f.source_id
		WHERE (fs.subject_slug LIKE 'synthetic-%') <> (s.slug LIKE 'synthetic-%')`).Scan(&crossed); err != nil {
		t.Fatal(err)
	}
	if crossed != 0 {
		t.Errorf("%d findings link a synthetic record and an original one", crossed)
	}

	if _, err := growDatabase(ctx, url, factor); err == nil {
		t.Error("growing a grown database again succeeded; want an error")
	}

	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	srv := api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), postgres.New(pool), calcinosiskb.OpenAPI, api.Options{Context: t.Context()})
	var slug string
	if err := conn.QueryRow(ctx, "SELECT slug FROM treatments WHERE slug LIKE 'synthetic-2-%' ORDER BY id LIMIT 1").Scan(&slug); err != nil {
		t.Fatal(err)
	}
	resp := httptest.NewRecorder()
	srv.ServeHTTP(resp, httptest.NewRequest(http.MethodGet, "/v1/treatments/"+slug, nil))
	if resp.Code != http.StatusOK {
		t.Fatalf("GET a synthetic treatment: %d %s", resp.Code, resp.Body)
	}
	var treatment struct {
		Evidence []json.RawMessage `json:"evidence"`
	}
	if err := json.Unmarshal(resp.Body.Bytes(), &treatment); err != nil {
		t.Fatal(err)
	}
	if len(treatment.Evidence) == 0 {
		t.Errorf("synthetic treatment %s is served without evidence", slug)
	}
}
