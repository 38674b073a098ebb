package api

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// answer is a 200 answer kept in memory, in every encoding it is sent in.
type answer struct {
	version int64          // the content version it was computed from
	plain   representation // as the handler wrote it
	gzip    representation // its body is nil when not kept compressed
	size    int64          // the bytes it is accounted for in a cache, its key included
}

// representation is one encoding of an answer: the body, its strong ETag, and every header
// line of its 200 (what the handler set, Vary, ETag, Content-Length...), formatted once, so
// that sending it sets a few map entries and nothing is parsed or built per request.
type representation struct {
	body   []byte
	etag   string      // "" when the handler forbade storing it: then it has nothing to revalidate
	header http.Header // canonical names, each value slice clipped; a 304 sends all but Content-Length
}

// answerOverhead is what an answer costs beyond the bytes counted: its structs, the map or
// list entry that holds it, and the header maps.
const answerOverhead = 768

// minGzip is the smallest body worth compressing; below it, gzip's framing eats the gain.
const minGzip = 1024

// noGzip is the level for newAnswer that keeps an answer plain only; gzip's own levels are -2 to 9.
const noGzip = -3

// newAnswer keeps what a handler wrote under key, compressed as well at gzip level level
// (when the body is worth it and level is not noGzip), so that a client that accepts gzip is
// sent gzip whoever asked first. An answer to be kept gets a copy of the body of exactly its
// length, since a buffer's spare capacity would be memory not counted; one only passed on
// (too large to keep) shares the recorder's.
func newAnswer(version int64, key string, rec *recorder, level int, keep bool) *answer {
	body := rec.body.Bytes()
	if keep {
		body = bytes.Clone(body)
	}
	etag := rec.header.Get("ETag")
	if etag == "" {
		etag = etagOf(body)
	}
	a := &answer{version: version, plain: newRepresentation(rec.header, body, etag, "")}
	if len(body) >= minGzip && level != noGzip {
		zipped := compress(body, level)
		// A strong ETag names one representation: the compressed one gets the hash of its own bytes.
		a.gzip = newRepresentation(rec.header, zipped, etagOf(zipped), "gzip")
	}
	a.size = a.sizeUnder(key)
	return a
}

// gzipWriters hold the gzip writers of each level newAnswer is called with, as many as there
// are CPUs: compressing keeps a CPU busy throughout, so more at once would gain nothing and
// only hold more of the state each writer keeps (about a megabyte, which a new writer per
// answer would also allocate and clear every time). A nil stands for one not yet made.
var gzipWriters = map[int]chan *gzip.Writer{
	gzip.BestCompression:    newGzipWriters(),
	gzip.DefaultCompression: newGzipWriters(),
}

func newGzipWriters() chan *gzip.Writer {
	writers := make(chan *gzip.Writer, runtime.GOMAXPROCS(0))
	for range cap(writers) {
		writers <- nil
	}
	return writers
}

// compress returns body gzipped at level, one of gzipWriters' levels, in a slice of exactly
// its length. It waits while every writer of the level is in use.
func compress(body []byte, level int) []byte {
	writers := gzipWriters[level]
	zw := <-writers
	defer func() { writers <- zw }()
	var buf bytes.Buffer
	if zw == nil {
		zw, _ = gzip.NewWriterLevel(&buf, level) // a valid level never fails
	} else {
		zw.Reset(&buf)
	}
	_, _ = zw.Write(body) // a bytes.Buffer never fails
	_ = zw.Close()
	return bytes.Clone(buf.Bytes())
}

// newRepresentation formats the header lines of body sent with encoding ("" for none), as
// writeTagged would send them, from those the handler set.
func newRepresentation(handler http.Header, body []byte, etag, encoding string) representation {
	h := handler.Clone()
	h.Del("ETag")
	// One Vary line: the handler's (Accept, where it negotiates) and the encoding's.
	vary := "Accept-Encoding"
	if v := h.Get("Vary"); v != "" {
		vary = v + ", " + vary
	}
	h.Set("Vary", vary)
	if encoding != "" {
		h.Set("Content-Encoding", encoding)
	}
	// An answer that must never be stored has nothing to revalidate, as in writeTagged.
	if h.Get("Cache-Control") == "no-store" {
		etag = ""
	} else {
		h.Set("ETag", etag)
		h.Set("Cache-Control", cacheControl)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	for name, values := range h {
		// Clipped, so that a later Add to a response's header never writes into the kept slice.
		h[name] = slices.Clip(values)
	}
	return representation{body: body, etag: etag, header: h}
}

// sizeUnder is the bytes a costs kept under key.
func (a *answer) sizeUnder(key string) int64 {
	size := int64(len(key)) + answerOverhead
	for _, rep := range []*representation{&a.plain, &a.gzip} {
		size += int64(len(rep.body))
		for name, values := range rep.header {
			size += int64(len(name))
			for _, v := range values {
				size += int64(len(v))
			}
		}
	}
	return size
}

// write sends the answer, compressed when the request accepts gzip, as writeTagged does
// (304 when If-None-Match names it). A Vary line a middleware set before (CORS's Origin) is
// kept, beside the answer's own.
func (a *answer) write(w http.ResponseWriter, r *http.Request) {
	rep := &a.plain
	if a.gzip.body != nil && acceptsGzip(r) {
		rep = &a.gzip
	}
	h := w.Header()
	vary := h["Vary"]
	notModified := rep.etag != "" && etagMatches(r.Header.Get("If-None-Match"), rep.etag)
	for name, values := range rep.header {
		if notModified && name == "Content-Length" {
			continue
		}
		h[name] = values
	}
	if len(vary) > 0 {
		h["Vary"] = append(slices.Clip(vary), rep.header["Vary"]...)
	}
	if notModified {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(rep.body)
}

// acceptsGzip reports whether r's Accept-Encoding allows gzip (RFC 9110: named or by *, with
// a q-value above 0).
func acceptsGzip(r *http.Request) bool {
	for _, header := range r.Header.Values("Accept-Encoding") {
		for _, coding := range strings.Split(header, ",") {
			name, params, _ := strings.Cut(coding, ";")
			name = strings.TrimSpace(name)
			if !strings.EqualFold(name, "gzip") && name != "*" {
				continue
			}
			q := 1.0
			for _, p := range strings.Split(params, ";") {
				if k, v, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.EqualFold(k, "q") {
					if f, err := strconv.ParseFloat(v, 64); err == nil {
						q = f
					}
				}
			}
			return q > 0
		}
	}
	return false
}

// cacheKey is the key r's answer is kept under: the path and query as sent and, unless it is
// the default (none, */* or application/json), the Accept header, so that a handler that
// negotiates its representation by Accept never has one representation served for another.
// A representation chosen by the query (format=…) is told apart by the query itself.
func cacheKey(r *http.Request) string {
	accept := strings.TrimSpace(strings.Join(r.Header.Values("Accept"), ","))
	switch accept {
	case "", "*/*", "application/json":
		return r.URL.RequestURI()
	}
	return r.URL.RequestURI() + "\nAccept: " + accept
}

// lazyAnswers keeps the answers computed on demand (searches, filtered lists, later pages)
// for one content version, least recently used out first, within a bound on the bytes of
// their keys and bodies. The LRU list is the library's; the byte accounting is ours and
// exact: under mu, bytes is the sum of the sizes of the answers held, and never above max.
type lazyAnswers struct {
	mu    sync.Mutex
	lru   *simplelru.LRU[string, *answer]
	bytes int64
	max   int64
}

func newLazyAnswers(max int64) *lazyAnswers {
	c := &lazyAnswers{max: max}
	// The bound is on bytes, not on entries: the entry count only has to be unreachable.
	c.lru, _ = simplelru.NewLRU[string, *answer](1<<30, func(_ string, a *answer) { c.bytes -= a.size })
	return c
}

// get returns the answer kept under key for version, or nil.
func (c *lazyAnswers) get(version int64, key string) *answer {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.lru.Get(key)
	if !ok || a.version != version {
		return nil
	}
	return a
}

// putLocked keeps a under key, evicting the least recently used answers until it fits; an
// answer larger than the whole bound is not kept. A key already held is replaced, its old
// answer's bytes given back first, so that an overwrite is counted once. c.mu must be held.
func (c *lazyAnswers) putLocked(key string, a *answer) {
	if a.size > c.max {
		return
	}
	c.lru.Remove(key) // the eviction callback gives an old answer's bytes back
	for c.bytes+a.size > c.max {
		if _, _, ok := c.lru.RemoveOldest(); !ok {
			break
		}
	}
	c.lru.Add(key, a)
	c.bytes += a.size
}

// purgeLocked drops every answer; c.mu must be held.
func (c *lazyAnswers) purgeLocked() {
	c.lru.Purge()
}

// size returns the bytes held.
func (c *lazyAnswers) size() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}

// recorder holds a handler's answer until it is kept or passed on.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func newRecorder() *recorder { return &recorder{header: http.Header{}, status: http.StatusOK} }

func (rec *recorder) Header() http.Header { return rec.header }
func (rec *recorder) WriteHeader(status int) {
	rec.status, rec.wrote = status, true
}
func (rec *recorder) Write(p []byte) (int, error) {
	rec.wrote = true
	return rec.body.Write(p)
}

// copyTo passes an answer that is not kept (an error) on unchanged.
func (rec *recorder) copyTo(w http.ResponseWriter) {
	for name, values := range rec.header {
		w.Header()[name] = values
	}
	w.WriteHeader(rec.status)
	_, _ = w.Write(rec.body.Bytes())
}

// computed is the outcome of running a handler for the cache: a 200 answer, or whatever else
// it wrote.
type computed struct {
	answer *answer
	rec    *recorder
}
