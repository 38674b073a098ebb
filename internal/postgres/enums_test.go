package postgres_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/testdb"
)

// TestEnumerations_EqualTheCheckConstraints fails when an enumeration the API validates against
// (internal/kb) and the CHECK constraint on its column list different values, in any order.
func TestEnumerations_EqualTheCheckConstraints(t *testing.T) {
	pool := testdb.New(t)
	const checkSQL = `
		SELECT pg_get_constraintdef(c.oid)
		FROM pg_constraint AS c
		WHERE c.contype = 'c'
		  AND c.conrelid = $1::regclass
		  AND pg_get_constraintdef(c.oid) ~ ('^CHECK \(\(' || $2 || ' = ANY \(ARRAY\[')`
	quoted := regexp.MustCompile(`'([^']*)'::text`)
	for _, tt := range []struct {
		table, column string
		values        []string
	}{
		{"associated_features", "category", kb.FeatureCategories},
		{"mechanisms", "support", kb.MechanismSupports},
		{"diagnostic_modalities", "role", kb.ModalityRoles},
		{"treatments", "category", kb.TreatmentCategories},
		{"treatments", "route", kb.Routes},
		{"presentation_items", "kind", kb.PresentationKinds},
		{"findings", "design", kb.Designs},
		{"findings", "measure", kb.Measures},
		{"findings", "outcome", kb.Outcomes},
		{"sources", "verification", kb.Verifications},
	} {
		t.Run(tt.table+"."+tt.column, func(t *testing.T) {
			var def string
			require.NoError(t, pool.QueryRow(context.Background(), checkSQL, tt.table, tt.column).Scan(&def))
			var inDB []string
			for _, m := range quoted.FindAllStringSubmatch(def, -1) {
				inDB = append(inDB, m[1])
			}
			assert.ElementsMatch(t, tt.values, inDB, def)
		})
	}
}
