package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"calcinosiskb"
	"calcinosiskb/api"
	"calcinosiskb/internal/postgres"
)

// explainRequests exercise every route of the API and every filter, sort and cursor of its
// lists, so that every SQL statement the API can run is run at least once. A path whose list
// has more than one page is followed to its second page, whose query adds the keyset condition.
var explainRequests = []string{
	"/readyz",
	"/metrics",
	"/v1/meta",
	"/v1/search?q=digital+ulcers",
	"/v1/associated-features?limit=2",
	"/v1/associated-features?category=serologic",
	"/v1/associated-features?q=ulcer",
	"/v1/associated-features/digital-ulcers",
	"/v1/mechanisms?limit=2",
	"/v1/mechanisms?support=histology",
	"/v1/mechanisms?q=trauma",
	"/v1/mechanisms/local-trauma",
	"/v1/diagnostic-modalities?limit=2",
	"/v1/diagnostic-modalities?role=experimental",
	"/v1/diagnostic-modalities?q=ultrasound",
	"/v1/diagnostic-modalities/ultrasonography",
	"/v1/treatments?limit=2&sort=name",
	"/v1/treatments?limit=2&sort=evidence_level",
	"/v1/treatments?limit=2&sort=ssc_patients",
	"/v1/treatments?category=pharmacologic&sort=evidence_level",
	"/v1/treatments?route=oral",
	"/v1/treatments?outcome=improved",
	"/v1/treatments?evidence_level_max=4",
	"/v1/treatments?mechanism=chronic-inflammation",
	"/v1/treatments?q=thiosulfate",
	"/v1/treatments/surgical-excision",
	"/v1/prevalence?limit=2",
	"/v1/prevalence?q=cohort",
	"/v1/prevalence/sctc-2016-any-time",
	"/v1/clinical-presentation?limit=2",
	"/v1/clinical-presentation?kind=site",
	"/v1/clinical-presentation?q=hands",
	"/v1/clinical-presentation/hands",
	"/v1/sources?limit=2",
	"/v1/sources?q=calcinosis",
	"/v1/sources/valenzuela-2015",
	"/v1/findings?limit=2",
	"/v1/findings?source=valenzuela-2015",
	"/v1/findings?source=26352733",
	"/v1/findings?subject_type=treatment&subject=warfarin",
	"/v1/findings?design=rct&evidence_level_max=2&measure=odds_ratio",
	"/v1/findings/1",
	"/v1/export",
}

// statementPlan is one distinct SQL statement the API ran, and how PostgreSQL executes it.
type statementPlan struct {
	SQL      string   `json:"sql"`
	Requests []string `json:"requests"` // the requests that ran it
	// IndexScans name each table read through an index, with the index.
	IndexScans []string `json:"index_scans"`
	// SeqScans name each table read whole, with the rows it read in all.
	SeqScans []string `json:"seq_scans"`
	// UsesIndexes is true when no table is read by a sequential scan.
	UsesIndexes bool    `json:"uses_indexes"`
	ExecMs      float64 `json:"execution_ms"`
}

// explainReport is what explainAPI found.
type explainReport struct {
	Statements []statementPlan `json:"statements"`
	// Warnings are requests of explainRequests that did not answer 200.
	Warnings []string `json:"warnings,omitempty"`
}

// explainAPI runs the API in-process on the database at url, with a pgx tracer that records
// every SQL statement the store sends and its arguments; sends it every request of
// explainRequests; then runs EXPLAIN (ANALYZE, FORMAT JSON) on each distinct statement with the
// arguments it first ran with, and reports which tables each reads by index or whole.
func explainAPI(ctx context.Context, url string) (*explainReport, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	rec := &sqlRecorder{byText: map[string]*capturedSQL{}}
	cfg.ConnConfig.Tracer = rec
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer pool.Close()
	handler := api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), postgres.New(pool), calcinosiskb.OpenAPI, api.Options{Context: ctx})

	report := &explainReport{}
	for _, path := range explainRequests {
		for page := 1; path != "" && page <= 2; page++ {
			rec.setRequest(path)
			req := httptest.NewRequestWithContext(ctx, http.MethodGet, path, nil)
			resp := httptest.NewRecorder()
			handler.ServeHTTP(resp, req)
			if resp.Code != http.StatusOK {
				report.Warnings = append(report.Warnings, fmt.Sprintf("GET %s: %d %.200s", path, resp.Code, resp.Body.String()))
				break
			}
			var list struct {
				Next *string `json:"next"`
			}
			_ = json.Unmarshal(resp.Body.Bytes(), &list)
			path = ""
			if list.Next != nil {
				path = *list.Next
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.Background())
	for _, c := range rec.order {
		plan, err := explain(ctx, conn, c.sql, c.args)
		if err != nil {
			return nil, fmt.Errorf("explain the statement of %s: %w\n%s", c.requests[0], err, c.sql)
		}
		plan.SQL, plan.Requests = c.sql, c.requests
		report.Statements = append(report.Statements, plan)
	}
	return report, nil
}

// sqlRecorder is a pgx tracer that keeps each distinct query statement once, in order.
type sqlRecorder struct {
	mu      sync.Mutex
	request string // the request being served; requests are sent one at a time
	byText  map[string]*capturedSQL
	order   []*capturedSQL
}

type capturedSQL struct {
	sql      string
	args     []any
	requests []string
}

var spaces = regexp.MustCompile(`\s+`)

func (r *sqlRecorder) setRequest(path string) {
	r.mu.Lock()
	r.request = path
	r.mu.Unlock()
}

func (r *sqlRecorder) TraceQueryStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	sql := strings.TrimSpace(spaces.ReplaceAllString(data.SQL, " "))
	// Transaction control (begin, commit, rollback) and the like have no plan.
	if first, _, _ := strings.Cut(strings.ToUpper(sql), " "); first != "SELECT" && first != "WITH" {
		return ctx
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.byText[sql]
	if !ok {
		c = &capturedSQL{sql: sql, args: append([]any(nil), data.Args...)}
		r.byText[sql] = c
		r.order = append(r.order, c)
	}
	if n := len(c.requests); n == 0 || c.requests[n-1] != r.request {
		c.requests = append(c.requests, r.request)
	}
	return ctx
}

func (r *sqlRecorder) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// planNode is a node of EXPLAIN's JSON output, with the fields the report reads.
type planNode struct {
	NodeType        string     `json:"Node Type"`
	Relation        string     `json:"Relation Name"`
	Index           string     `json:"Index Name"`
	ActualRows      float64    `json:"Actual Rows"`
	ActualLoops     float64    `json:"Actual Loops"`
	RemovedByFilter float64    `json:"Rows Removed by Filter"`
	Plans           []planNode `json:"Plans"`
}

// explain runs EXPLAIN ANALYZE on one statement in a read-only transaction that it rolls back.
func explain(ctx context.Context, conn *pgx.Conn, sql string, args []any) (statementPlan, error) {
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	if err != nil {
		return statementPlan{}, err
	}
	defer tx.Rollback(context.Background())
	var raw []byte
	if err := tx.QueryRow(ctx, "EXPLAIN (ANALYZE, FORMAT JSON) "+sql, args...).Scan(&raw); err != nil {
		return statementPlan{}, err
	}
	var out []struct {
		Plan          planNode `json:"Plan"`
		ExecutionTime float64  `json:"Execution Time"`
	}
	if err := json.Unmarshal(raw, &out); err != nil || len(out) != 1 {
		return statementPlan{}, fmt.Errorf("read EXPLAIN output: %v", err)
	}
	plan := summarize(out[0].Plan)
	plan.ExecMs = out[0].ExecutionTime
	return plan, nil
}

// summarize lists the tables a plan reads by index and those it reads whole.
func summarize(root planNode) statementPlan {
	var p statementPlan
	seqRows, seqLoops := map[string]float64{}, map[string]float64{}
	var seqOrder []string
	index := map[string]bool{}
	var walk func(n planNode, heap string)
	walk = func(n planNode, heap string) {
		switch n.NodeType {
		case "Seq Scan":
			if _, ok := seqRows[n.Relation]; !ok {
				seqOrder = append(seqOrder, n.Relation)
			}
			seqRows[n.Relation] += (n.ActualRows + n.RemovedByFilter) * n.ActualLoops
			seqLoops[n.Relation] += n.ActualLoops
		case "Index Scan", "Index Only Scan":
			index[n.Relation+" ("+n.Index+")"] = true
		case "Bitmap Heap Scan":
			heap = n.Relation
		case "Bitmap Index Scan":
			index[heap+" ("+n.Index+")"] = true
		}
		for _, child := range n.Plans {
			walk(child, heap)
		}
	}
	walk(root, "")
	for name := range index {
		p.IndexScans = append(p.IndexScans, name)
	}
	slices.Sort(p.IndexScans)
	for _, rel := range seqOrder {
		if seqLoops[rel] == 0 {
			// In the plan, but this execution never reached it.
			p.SeqScans = append(p.SeqScans, rel+" (planned, not run)")
		} else {
			p.SeqScans = append(p.SeqScans, fmt.Sprintf("%s (%.0f rows read)", rel, seqRows[rel]))
		}
	}
	p.UsesIndexes = len(p.SeqScans) == 0
	return p
}
