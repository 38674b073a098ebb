package postgres_test

import (
	"context"
	"os"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
	"calcinosiskb/internal/synthesis"
	"calcinosiskb/internal/testdb"
)

func TestMain(m *testing.M) {
	os.Exit(testdb.Main(m))
}

func tableCount(t *testing.T, url string) int {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), url)
	require.NoError(t, err)
	defer pool.Close()
	var n int
	require.NoError(t, pool.QueryRow(context.Background(),
		"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'").Scan(&n))
	return n
}

func TestMigrations_UpDownUp(t *testing.T) {
	url := testdb.Empty(t)
	mg, err := postgres.NewMigrator(url)
	require.NoError(t, err)
	defer mg.Close()
	latest, err := postgres.LatestVersion()
	require.NoError(t, err)

	require.NoError(t, mg.Up())
	v, dirty, err := mg.Version()
	require.NoError(t, err)
	assert.Equal(t, latest, v)
	assert.False(t, dirty)
	tables := tableCount(t, url)
	assert.Positive(t, tables)

	require.NoError(t, mg.Down())
	v, _, err = mg.Version()
	require.NoError(t, err)
	assert.Zero(t, v)
	assert.Zero(t, tableCount(t, url), "down leaves no table behind")

	require.NoError(t, mg.Up())
	assert.Equal(t, tables, tableCount(t, url))
}

func TestStore_CheckSchema(t *testing.T) {
	ctx := context.Background()
	require.NoError(t, postgres.New(testdb.New(t)).CheckSchema(ctx))

	pool, err := pgxpool.New(ctx, testdb.Empty(t))
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	assert.ErrorIs(t, postgres.New(pool).CheckSchema(ctx), postgres.ErrSchemaBehind)
}

func TestStore_NotFound(t *testing.T) {
	st := postgres.New(testdb.New(t))
	ctx := context.Background()
	lookups := map[string]func() error{
		"treatment":           func() error { _, err := st.Treatment(ctx, "no-such-slug"); return err },
		"mechanism":           func() error { _, err := st.Mechanism(ctx, "no-such-slug"); return err },
		"associated feature":  func() error { _, err := st.AssociatedFeature(ctx, "no-such-slug"); return err },
		"diagnostic modality": func() error { _, err := st.DiagnosticModality(ctx, "no-such-slug"); return err },
		"prevalence estimate": func() error { _, err := st.PrevalenceEstimate(ctx, "no-such-slug"); return err },
		"source":              func() error { _, err := st.Source(ctx, "no-such-slug"); return err },
	}
	for name, lookup := range lookups {
		t.Run(name, func(t *testing.T) {
			assert.ErrorIs(t, lookup(), kb.ErrNotFound)
		})
	}
}

// allTreatments walks every page of the filter, pageSize at a time.
func allTreatments(t *testing.T, st *postgres.Store, f kb.TreatmentFilter, pageSize int) []kb.Treatment {
	t.Helper()
	var all []kb.Treatment
	f.Page = kb.Page{Limit: pageSize}
	for {
		page, more, err := st.Treatments(context.Background(), f)
		require.NoError(t, err)
		all = append(all, page...)
		if !more {
			return all
		}
		last := page[len(page)-1]
		rank := last.Summary.StrongestLevel
		switch f.Sort {
		case kb.SortSScPatients:
			rank = last.Summary.SScPatients
		case kb.SortBenefit:
			rank = synthesis.BenefitRank(last.Synthesis)
		}
		f.Page.After = &kb.Key{Rank: rank, Name: last.Name, Slug: last.Slug}
	}
}

func slugs(ts []kb.Treatment) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Slug
	}
	return out
}

func TestStore_Treatments(t *testing.T) {
	st := postgres.New(testdb.New(t))
	all := allTreatments(t, st, kb.TreatmentFilter{Sort: kb.SortName}, 200)
	require.NotEmpty(t, all)

	t.Run("paging one at a time returns the same list", func(t *testing.T) {
		for _, sort := range kb.TreatmentSorts {
			whole := allTreatments(t, st, kb.TreatmentFilter{Sort: sort}, 200)
			assert.Equal(t, slugs(whole), slugs(allTreatments(t, st, kb.TreatmentFilter{Sort: sort}, 1)), sort)
			assert.ElementsMatch(t, slugs(all), slugs(whole), sort)
		}
	})
	t.Run("sorted by name", func(t *testing.T) {
		assert.True(t, slices.IsSortedFunc(all, func(a, b kb.Treatment) int { return compareStrings(a.Name, b.Name) }))
	})
	t.Run("sorted by evidence level, strongest first, then name", func(t *testing.T) {
		got := allTreatments(t, st, kb.TreatmentFilter{Sort: kb.SortEvidenceLevel}, 200)
		assert.True(t, slices.IsSortedFunc(got, func(a, b kb.Treatment) int {
			if a.Summary.StrongestLevel != b.Summary.StrongestLevel {
				return a.Summary.StrongestLevel - b.Summary.StrongestLevel
			}
			return compareStrings(a.Name, b.Name)
		}))
	})
	t.Run("sorted by SSc patients studied, most first, then name", func(t *testing.T) {
		got := allTreatments(t, st, kb.TreatmentFilter{Sort: kb.SortSScPatients}, 200)
		assert.True(t, slices.IsSortedFunc(got, func(a, b kb.Treatment) int {
			if a.Summary.SScPatients != b.Summary.SScPatients {
				return b.Summary.SScPatients - a.Summary.SScPatients
			}
			return compareStrings(a.Name, b.Name)
		}))
	})
	t.Run("evidence summary adds up the evidence items", func(t *testing.T) {
		for _, tr := range all {
			assert.Equal(t, summarize(tr.Evidence), tr.Summary, tr.Slug)
		}
	})
	for _, route := range kb.Routes {
		got := allTreatments(t, st, kb.TreatmentFilter{Route: route, Sort: kb.SortName}, 200)
		want := []string{}
		for _, tr := range all {
			if tr.Route != nil && *tr.Route == route {
				want = append(want, tr.Slug)
			}
		}
		assert.Equal(t, want, slugs(got), "route %s", route)
	}
	for _, outcome := range kb.Outcomes {
		got := allTreatments(t, st, kb.TreatmentFilter{Outcome: outcome, Sort: kb.SortName}, 200)
		want := []string{}
		for _, tr := range all {
			if slices.ContainsFunc(tr.Evidence, func(f kb.Finding) bool {
				return f.Outcome != nil && *f.Outcome == outcome && f.Design != "narrative_review" && f.Design != "expert_review"
			}) {
				want = append(want, tr.Slug)
			}
		}
		assert.Equal(t, want, slugs(got), "outcome %s", outcome)
	}
	t.Run("level is the strongest of the evidence", func(t *testing.T) {
		for _, tr := range all {
			require.NotEmpty(t, tr.Evidence, tr.Slug)
			strongest := 5
			for _, f := range tr.Evidence {
				strongest = min(strongest, f.EvidenceLevel)
			}
			assert.Equal(t, strongest, tr.Summary.StrongestLevel, tr.Slug)
		}
	})
	for _, category := range kb.TreatmentCategories {
		t.Run("category "+category, func(t *testing.T) {
			got := allTreatments(t, st, kb.TreatmentFilter{Category: category, Sort: kb.SortName}, 200)
			want := []string{}
			for _, tr := range all {
				if tr.Category == category {
					want = append(want, tr.Slug)
				}
			}
			assert.Equal(t, want, slugs(got))
		})
	}
	for level := 1; level <= 5; level++ {
		got := allTreatments(t, st, kb.TreatmentFilter{EvidenceLevelMax: level, Sort: kb.SortName}, 200)
		want := []string{}
		for _, tr := range all {
			if tr.Summary.StrongestLevel <= level {
				want = append(want, tr.Slug)
			}
		}
		assert.Equal(t, want, slugs(got), "evidence_level_max %d", level)
	}
	t.Run("mechanism", func(t *testing.T) {
		targeted := 0
		for _, tr := range all {
			for _, m := range tr.Mechanisms {
				got := allTreatments(t, st, kb.TreatmentFilter{Mechanism: m.Slug, Sort: kb.SortName}, 200)
				assert.Contains(t, slugs(got), tr.Slug, m.Slug)
				for _, g := range got {
					assert.True(t, slices.ContainsFunc(g.Mechanisms, func(r kb.Ref) bool { return r.Slug == m.Slug }))
				}
				targeted++
			}
		}
		assert.Positive(t, targeted, "some treatment targets a mechanism")
	})
}

// compareStrings orders as the schema's C collation does: bytewise.
func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// summarize recomputes a treatment's evidence summary from its evidence items, independently
// of the database's view: a study is a source other than a narrative or expert review.
func summarize(evidence []kb.Finding) kb.EvidenceSummary {
	var sum kb.EvidenceSummary
	sum.StrongestLevel = 6
	patients := map[string]int{}
	outcomes := map[string]map[string]bool{}
	for _, f := range evidence {
		if f.EvidenceLevel < sum.StrongestLevel {
			sum.StrongestLevel, sum.StrongestDesign = f.EvidenceLevel, f.Design
		}
		if f.Recommendation != nil && (*f.Recommendation == "conditional_against" || *f.Recommendation == "strong_against") {
			sum.RecommendedAgainst = true
		}
		if f.Design == "rct" && f.NSSc != nil {
			sum.CompletedRCTInSSc = true
		}
		if f.Design == "narrative_review" || f.Design == "expert_review" {
			continue
		}
		if _, seen := patients[f.Source.Slug]; !seen {
			patients[f.Source.Slug] = 0
			outcomes[f.Source.Slug] = map[string]bool{}
		}
		if f.NSSc != nil {
			patients[f.Source.Slug] = max(patients[f.Source.Slug], *f.NSSc)
		}
		if f.Outcome != nil {
			outcomes[f.Source.Slug][*f.Outcome] = true
		}
	}
	sum.Studies = len(patients)
	for source, n := range patients {
		sum.SScPatients += n
		sum.Improved += b2i(outcomes[source]["improved"])
		sum.NoEffect += b2i(outcomes[source]["no_effect"])
		sum.Mixed += b2i(outcomes[source]["mixed"])
		sum.Worsened += b2i(outcomes[source]["worsened"])
	}
	return sum
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
