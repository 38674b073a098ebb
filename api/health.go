package api

import (
	"errors"
	"net/http"
	"time"

	"calcinosiskb/internal/postgres"
)

type statusResponse struct {
	Status string `json:"status"`
}

// healthz serves GET /healthz: the process is up.
func healthz(w http.ResponseWriter, r *http.Request) {
	// A probe must see the service as it is now, never a cached answer.
	w.Header().Set("Cache-Control", "no-store")
	_ = writeJSON(w, r, http.StatusOK, statusResponse{Status: "ok"})
}

// readinessResponse is the body of a 200 from GET /readyz.
type readinessResponse struct {
	Status         string `json:"status"`
	Database       string `json:"database"`
	ContentVersion int64  `json:"content_version"`
	// UnavailableSince is when the database stopped answering, while it does not.
	UnavailableSince *time.Time `json:"unavailable_since,omitempty"`
}

// readyz serves GET /readyz: ready while a complete content version is held in memory, even
// when the database is down, since what is held is still served; the body tells the database's
// state. A readiness that failed with a dependency shared by every replica would take them all
// out of the load balancer at once, though each still answers most requests.
func readyz(c *content) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Cache-Control", "no-store")
		s := c.readiness()
		switch {
		case errors.Is(s.dbErr, postgres.ErrSchemaBehind):
			return &unavailableError{reason: "The database schema is not at the latest migration.", err: s.dbErr}
		case !s.held && s.dbErr != nil:
			return &unavailableError{reason: "The database does not answer.", err: s.dbErr}
		case !s.held:
			return &unavailableError{reason: "The content is still being loaded.", err: errNotLoaded}
		}
		resp := readinessResponse{Status: "ready", Database: "up", ContentVersion: s.version}
		if s.dbErr != nil {
			resp.Database = "unavailable"
			resp.UnavailableSince = &s.dbUnavailSince
		}
		return writeJSON(w, r, http.StatusOK, resp)
	}
}

var errNotLoaded = errors.New("no content version held yet")

// serveSpec serves GET /openapi.yaml: the contract this server implements.
func serveSpec(spec []byte) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		return writeBody(w, r, http.StatusOK, "application/yaml", spec)
	}
}
