package api

import (
	"errors"
	"net/http"

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

// readyz serves GET /readyz: the database answers and its schema is at the latest migration.
func readyz(st *postgres.Store) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Cache-Control", "no-store")
		if err := st.Ping(r.Context()); err != nil {
			return &unavailableError{reason: "The database does not answer.", err: err}
		}
		if err := st.CheckSchema(r.Context()); errors.Is(err, postgres.ErrSchemaBehind) {
			return &unavailableError{reason: "The database schema is not at the latest migration.", err: err}
		} else if err != nil {
			return err
		}
		return writeJSON(w, r, http.StatusOK, statusResponse{Status: "ready"})
	}
}

// serveSpec serves GET /openapi.yaml: the contract this server implements.
func serveSpec(spec []byte) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		return writeBody(w, r, http.StatusOK, "application/yaml", spec)
	}
}
