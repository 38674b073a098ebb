package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// cacheControl lets clients and proxies reuse an answer for five minutes and then revalidate
// it with its ETag; the content changes only when the database is migrated.
const cacheControl = "public, max-age=300"

// writeJSON encodes v before sending anything, so that a failed encoding never leaves a
// half-sent 200, then writes it as writeBody does.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) error {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return fmt.Errorf("encode response: %w", err)
	}
	return writeBody(w, r, status, "application/json", buf.Bytes())
}

// writeBody sends body. A 200 that may be cached carries a strong ETag, a hash of the exact
// bytes, so it changes exactly when the data or the request's answer does; a request whose
// If-None-Match names it gets 304 Not Modified without the body.
func writeBody(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte) error {
	return writeTagged(w, r, status, contentType, body, etagOf(body))
}

// etagOf is the strong ETag of a body: the first 16 bytes of its SHA-256, in hex.
func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// writeTagged is writeBody with the body's ETag already computed.
func writeTagged(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte, etag string) error {
	h := w.Header()
	// An answer that must never be stored (the probes) has nothing to revalidate.
	if status == http.StatusOK && h.Get("Cache-Control") != "no-store" {
		h.Set("ETag", etag)
		h.Set("Cache-Control", cacheControl)
		if etagMatches(r.Header.Get("If-None-Match"), etag) {
			w.WriteHeader(http.StatusNotModified)
			return nil
		}
	}
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, err := w.Write(body)
	return err
}

// etagMatches reports whether an If-None-Match header names etag, comparing weakly as
// RFC 9110 asks for this header.
func etagMatches(ifNoneMatch, etag string) bool {
	for _, candidate := range strings.Split(ifNoneMatch, ",") {
		candidate = strings.TrimPrefix(strings.TrimSpace(candidate), "W/")
		if candidate == "*" || candidate == etag {
			return true
		}
	}
	return false
}
