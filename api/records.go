package api

import (
	"context"
	"net/http"

	"calcinosiskb/internal/kb"
)

// getRecord serves GET /v1/<collection>/{slug} for a record that fetch loads by slug.
func getRecord[R, T any](what string, fetch func(context.Context, string) (R, error), convert func(R) T) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		// An item takes no query parameters; one sent anyway is a client's mistake worth naming.
		if _, err := readParams(r); err != nil {
			return err
		}
		slug, err := pathSlug(r, what)
		if err != nil {
			return err
		}
		rec, err := fetch(r.Context(), slug)
		if err != nil {
			return err
		}
		return writeJSON(w, r, http.StatusOK, convert(rec))
	}
}

// listByKind serves a list sorted by name and narrowed by one enumerated attribute, kindParam.
func listByKind[R, T any](kindParam string, kinds []string,
	fetch func(context.Context, kb.ListFilter) ([]R, bool, error), convert func(R) T, keyOf func(R) kb.Key) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		filter, err := listFilter(r, kindParam, kinds)
		if err != nil {
			return err
		}
		records, more, err := fetch(r.Context(), filter)
		if err != nil {
			return err
		}
		return writeJSON(w, r, http.StatusOK, newList(r, kb.SortName, records, more, convert, keyOf))
	}
}
