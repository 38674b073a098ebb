package api

import (
	"bytes"
	"log/slog"
	"net/http"
	"sync"

	"calcinosiskb/internal/postgres"
)

// maxCachedBytes bounds the memory the response cache may hold; past it, answers are still
// served but no longer kept.
const maxCachedBytes = 32 << 20

// responseCache keeps the encoded 200 answers of the /v1 routes for one content version.
// Every request first reads the version (one cheap query, so a database outage is still
// answered 503); when it changes, every kept answer is dropped, so a change of content is
// visible from the next request on.
type responseCache struct {
	mu      sync.RWMutex
	version int64
	size    int
	answers map[string]cachedAnswer
}

type cachedAnswer struct {
	contentType string
	vary        string
	body        []byte
	etag        string
}

func (c *responseCache) get(version int64, key string) (cachedAnswer, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	a, ok := c.answers[key]
	return a, ok && c.version == version
}

func (c *responseCache) put(version int64, key string, a cachedAnswer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		c.version, c.size, c.answers = version, 0, map[string]cachedAnswer{}
	}
	if c.size+len(a.body) > maxCachedBytes {
		return
	}
	c.answers[key] = a
	c.size += len(a.body)
}

// cacheAnswers serves a GET or HEAD from the cache when the content has not changed since
// its answer was encoded, and keeps the 200 answers it has to compute.
func cacheAnswers(log *slog.Logger, st *postgres.Store) func(http.Handler) http.Handler {
	cache := &responseCache{answers: map[string]cachedAnswer{}}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			version, err := st.ContentVersion(r.Context())
			if err != nil {
				writeError(log, w, r, err)
				return
			}
			// A route that negotiates its representation answers the same URI differently.
			key := r.URL.RequestURI() + "|" + representation(r)
			if a, ok := cache.get(version, key); ok {
				setVary(w, a.vary)
				_ = writeTagged(w, r, http.StatusOK, a.contentType, a.body, a.etag)
				return
			}
			// Compute the full answer, whatever the request's conditions, so that it can be kept.
			full := r.Clone(r.Context())
			full.Header.Del("If-None-Match")
			rec := &recorder{header: http.Header{}, status: http.StatusOK}
			next.ServeHTTP(rec, full)
			if rec.status != http.StatusOK {
				rec.copyTo(w)
				return
			}
			// The handler has normally hashed the body for its ETag already.
			a := cachedAnswer{contentType: rec.header.Get("Content-Type"), vary: rec.header.Get("Vary"),
				body: rec.body.Bytes(), etag: rec.header.Get("ETag")}
			if a.etag == "" {
				a.etag = etagOf(a.body)
			}
			cache.put(version, key, a)
			setVary(w, a.vary)
			_ = writeTagged(w, r, http.StatusOK, a.contentType, a.body, a.etag)
		})
	}
}

func setVary(w http.ResponseWriter, vary string) {
	if vary != "" {
		w.Header().Set("Vary", vary)
	}
}

// recorder holds a handler's answer until it is kept or passed on.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (rec *recorder) Header() http.Header         { return rec.header }
func (rec *recorder) WriteHeader(status int)      { rec.status = status }
func (rec *recorder) Write(p []byte) (int, error) { return rec.body.Write(p) }

// copyTo passes an answer that is not kept (an error) on unchanged.
func (rec *recorder) copyTo(w http.ResponseWriter) {
	for name, values := range rec.header {
		w.Header()[name] = values
	}
	w.WriteHeader(rec.status)
	_, _ = w.Write(rec.body.Bytes())
}
