// Package api speaks HTTP for the knowledge base: the chi router, the handlers, and the
// mapping of errors to application/problem+json.
package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/cors"

	"calcinosiskb/internal/postgres"
)

// Options configure the API's HTTP behaviour.
type Options struct {
	// AllowedOrigins are the browser origins that may call the API cross-origin ("*" for any);
	// none by default, so browsers allow only same-origin calls.
	AllowedOrigins []string
	// RatePerMinute caps the requests each client address may make a minute; 0 means no cap.
	RatePerMinute int
	// RequestTimeout bounds each request's work, so that a database that stops answering
	// yields 503s instead of hung requests; 0 means no bound.
	RequestTimeout time.Duration
	// MaxStaleness bounds how long after a change of content the old content may still be
	// served while the database answers; 0 means one second.
	MaxStaleness time.Duration
	// CacheBytes bounds the memory of the answers held, keys and bodies counted: half for
	// those precomputed per content version, half for those kept on first use; 0 means 16 MiB.
	CacheBytes int64
	// Context bounds the server's background work (following the content version,
	// precomputing answers), which starts with the first request; nil means the process's life.
	Context context.Context
}

// NewServer returns the API's handler: every route, with request ids, one log line and
// metrics per request, panics answered as problems, request size limits, optional rate
// limiting, CORS (always for the CDS Hooks routes), and HEAD on every GET.
func NewServer(log *slog.Logger, st *postgres.Store, spec []byte, opts Options) http.Handler {
	c := newContent(opts.Context, log, st, opts.MaxStaleness, opts.CacheBytes)
	contentRoutes := chi.NewRouter()
	contentRoutes.NotFound(notFound)
	contentRoutes.MethodNotAllowed(methodNotAllowed)
	addContentRoutes(contentRoutes, log, st, spec, c)
	c.routes = contentRoutes

	m := newMetrics(log, st, c)
	r := chi.NewRouter()
	r.Use(requestIDs, observe(log, m), recoverPanics(log), limitRequestSize, middleware.GetHead)
	if opts.RequestTimeout > 0 {
		r.Use(withDeadline(opts.RequestTimeout))
	}
	if opts.RatePerMinute > 0 {
		r.Use(limitRate(log, opts.RatePerMinute))
	}
	r.Use(allowCrossOrigin(opts.AllowedOrigins))
	r.NotFound(notFound)
	r.MethodNotAllowed(methodNotAllowed)
	addRoutes(r, log, st, c, m.handler())
	return r
}

// allowCrossOrigin answers CORS for the CDS Hooks routes from any origin, as CDS clients such
// as the public sandbox call them from browsers, and for the other routes from the origins
// allowed, if any.
func allowCrossOrigin(origins []string) func(http.Handler) http.Handler {
	cds := cors.Handler(cors.Options{
		AllowedOrigins: []string{"*"},
		AllowedMethods: []string{http.MethodGet, http.MethodHead, http.MethodPost},
		// CDS clients authenticate with a JWT in Authorization.
		AllowedHeaders: []string{"Accept", "Authorization", "Content-Type"},
		ExposedHeaders: []string{"X-Request-ID", "Retry-After"},
		MaxAge:         600,
	})
	others := func(next http.Handler) http.Handler { return next }
	if len(origins) > 0 {
		others = cors.Handler(cors.Options{
			AllowedOrigins: origins,
			AllowedMethods: []string{http.MethodGet, http.MethodHead},
			AllowedHeaders: []string{"Accept", "If-None-Match"},
			ExposedHeaders: []string{"ETag", "X-Request-ID", "Retry-After"},
			MaxAge:         600,
		})
	}
	return func(next http.Handler) http.Handler {
		forCDS, forOthers := cds(next), others(next)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if isCDSPath(r.URL.Path) {
				forCDS.ServeHTTP(w, r)
				return
			}
			forOthers.ServeHTTP(w, r)
		})
	}
}

type requestIDKey struct{}

// requestIDs gives each request an id, returned in X-Request-ID, logged, and set as the
// instance of its problems; it also forbids content sniffing on every answer.
func requestIDs(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		id := hex.EncodeToString(b)
		w.Header().Set("X-Request-ID", id)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

// requestID returns the request's id as a URN, or "" outside the middleware.
func requestID(r *http.Request) string {
	id, _ := r.Context().Value(requestIDKey{}).(string)
	if id == "" {
		return ""
	}
	return "urn:request:" + id
}

// withDeadline gives each request's context a deadline; the store reports a query cut off by
// it as the database being unavailable, which is answered 503 with Retry-After.
func withDeadline(d time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// recoverPanics answers a panic with a 500 problem; chi's Recoverer would send an empty body.
func recoverPanics(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if v := recover(); v != nil {
					if v == http.ErrAbortHandler {
						panic(v)
					}
					writeError(log, w, r, fmt.Errorf("panic: %v", v))
				}
			}()
			next.ServeHTTP(w, r)
		})
	}
}
