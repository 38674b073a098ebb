package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
)

// releasedResponse says in which data release a record was added and last changed; every
// record the API serves carries it.
type releasedResponse struct {
	AddedIn   *string `json:"added_in"`
	ChangedIn *string `json:"changed_in"`
}

func toReleasedResponse(r kb.Released) releasedResponse {
	return releasedResponse{AddedIn: r.AddedIn, ChangedIn: r.ChangedIn}
}

// releaseOrder is the one order of the releases list: newest first, by the migration that
// made each release.
const releaseOrder = "newest"

type releaseCountsResponse struct {
	Added   int `json:"added"`
	Removed int `json:"removed"`
	Changed int `json:"changed"`
}

// releaseResponse is a release in the list: what it is and how much it changed.
type releaseResponse struct {
	ID        string                `json:"id"`
	Published string                `json:"published"`
	Summary   string                `json:"summary"`
	Counts    releaseCountsResponse `json:"counts"`
}

// releaseDetailResponse is one release with its changelog.
type releaseDetailResponse struct {
	releaseResponse
	Changes []changeResponse `json:"changes"`
}

// changeResponse is one record that a release added, removed or changed. Href is where the
// record is served; null for a removal, as no record is left to serve.
type changeResponse struct {
	Release string                `json:"release"`
	Kind    string                `json:"kind"`
	Key     string                `json:"key"`
	Change  string                `json:"change"`
	Fields  []fieldChangeResponse `json:"fields"`
	Href    *string               `json:"href"`
}

type fieldChangeResponse struct {
	Field string          `json:"field"`
	Old   json.RawMessage `json:"old"`
	New   json.RawMessage `json:"new"`
}

// changesResponse is every change after a release: what a client that holds release Since
// applies, in order, to hold release Release.
type changesResponse struct {
	Since   string           `json:"since"`
	Release string           `json:"release"`
	Data    []changeResponse `json:"data"`
}

func toReleaseResponse(r kb.Release) releaseResponse {
	return releaseResponse{ID: r.ID, Published: r.Published.Format(time.DateOnly), Summary: r.Summary,
		Counts: releaseCountsResponse{Added: r.Added, Removed: r.Removed, Changed: r.Changed}}
}

func toChangeResponses(changes []kb.ReleaseChange) []changeResponse {
	out := make([]changeResponse, len(changes))
	for i, c := range changes {
		fields := make([]fieldChangeResponse, len(c.Fields))
		for j, f := range c.Fields {
			fields[j] = fieldChangeResponse{Field: f.Field, Old: nullIfEmpty(f.Old), New: nullIfEmpty(f.New)}
		}
		out[i] = changeResponse{Release: c.Release, Kind: c.Kind, Key: c.Key, Change: c.Change, Fields: fields}
		if c.Change != kb.ChangeRemoved {
			// Kinds are named as the API's collections, and a finding's key is the path of
			// /v1/findings/{source}/{subject}/{name}.
			href := "/v1/" + c.Kind + "/" + c.Key
			out[i].Href = &href
		}
	}
	return out
}

// nullIfEmpty writes a value missing from a changelog entry as null.
func nullIfEmpty(v json.RawMessage) json.RawMessage {
	if len(v) == 0 {
		return json.RawMessage("null")
	}
	return v
}

func releaseKey(r kb.Release) kb.Key { return kb.Key{Rank: int(r.Migration)} }

// listReleases serves GET /v1/releases.
func listReleases(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		p, err := readParams(r, "limit", "cursor")
		if err != nil {
			return err
		}
		page, err := p.page(releaseOrder)
		if err != nil {
			return err
		}
		releases, more, err := st.Releases(r.Context(), page)
		if err != nil {
			return err
		}
		return writeJSON(w, r, http.StatusOK, newList(r, releaseOrder, releases, more, toReleaseResponse, releaseKey))
	}
}

// getRelease serves GET /v1/releases/{id}.
func getRelease(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := readParams(r); err != nil {
			return err
		}
		id := chi.URLParam(r, "id")
		if !kb.ValidReleaseID(id) {
			return &notFoundError{what: "release", key: "id"}
		}
		release, err := st.Release(r.Context(), id)
		if err != nil {
			return err
		}
		return writeJSON(w, r, http.StatusOK, releaseDetailResponse{
			releaseResponse: toReleaseResponse(release), Changes: toChangeResponses(release.Changes)})
	}
}

// listChanges serves GET /v1/changes?since={release}.
func listChanges(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		p, err := readParams(r, "since")
		if err != nil {
			return err
		}
		if !p.has("since") {
			return &paramError{param: "since", reason: "is required: the release you hold, such as 2026.12.01"}
		}
		since := p.get("since")
		if !kb.ValidReleaseID(since) {
			return &paramError{param: "since", reason: "must be a release id, YYYY.MM.DD or YYYY.MM.DD-N"}
		}
		current, changes, err := st.ChangesSince(r.Context(), since)
		if errors.Is(err, kb.ErrNotFound) {
			// Like an unknown mechanism filter: the client's mistake, named, not an empty answer.
			return &paramError{param: "since", reason: "names no release of this knowledge base; GET /v1/releases lists them"}
		}
		if err != nil {
			return err
		}
		return writeJSON(w, r, http.StatusOK, changesResponse{Since: since, Release: current, Data: toChangeResponses(changes)})
	}
}
