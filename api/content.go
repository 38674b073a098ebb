package api

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-chi/chi/v5"
	"golang.org/x/sync/singleflight"

	"calcinosiskb/internal/kb"
	"calcinosiskb/internal/postgres"
)

// content holds the answers of the public, read-only routes in memory, per content version,
// so that a request for them needs no database round trip:
//
//   - The version is learnt in the background: by LISTEN/NOTIFY as soon as a change commits,
//     and by a poll every half of the staleness bound, which is what a hot standby (where no
//     notification arrives) and a lost listening connection rely on.
//   - For each version, every item, the first page of every list, /v1/meta, /v1/export and
//     /openapi.yaml are computed once, plain and gzipped, into a map that is swapped in
//     whole (the snapshot); what does not fit in half the byte bound is left to the next kind.
//   - Any other answer (a search, a filtered list) is kept on first use in an LRU bounded by
//     the other half, with one computation shared by concurrent misses.
//
// An answer is kept only when the version read after computing it is the version known
// before, so that it is known to be exactly that version; versions only grow, so an answer
// is never served after one of a newer version. When the database is down, what is held is
// still served.
type content struct {
	log       *slog.Logger
	st        *postgres.Store
	routes    *chi.Mux // the routes whose answers are held, for the snapshot to walk
	pollEvery time.Duration
	bound     int64 // bytes for the snapshot and for the lazy answers, half each

	version atomic.Int64 // the newest content version known; 0 before the first
	changes atomic.Int64 // how many times version changed
	snap    atomic.Pointer[snapshot]
	lazy    *lazyAnswers
	misses  singleflight.Group
	rebuild chan struct{}

	options heldOptions // the CDS service's treatment options, per version

	healthMu  sync.Mutex
	dbErr     error     // why the last poll failed; nil while the database answers
	dbErrFrom time.Time // when the polls started failing

	start    sync.Once
	ctx      context.Context
	counters contentCounters
}

// contentCounters count how requests for held routes were answered, for the metrics.
type contentCounters struct {
	snapshot, hit, miss atomic.Int64
}

// snapshot is the answers precomputed for one content version; it is never changed once built.
type snapshot struct {
	version int64
	answers map[string]*answer
	bytes   int64
}

func newContent(ctx context.Context, log *slog.Logger, st *postgres.Store, maxStaleness time.Duration, bound int64) *content {
	if ctx == nil {
		ctx = context.Background()
	}
	if maxStaleness <= 0 {
		maxStaleness = time.Second
	}
	if bound <= 0 {
		bound = 16 << 20
	}
	return &content{log: log, st: st, ctx: ctx, pollEvery: maxStaleness / 2, bound: bound,
		lazy: newLazyAnswers(bound / 2), rebuild: make(chan struct{}, 1)}
}

// run starts the background work on the first request, so that a server that never serves
// (one built only to list its routes) opens no connection. It ends with c.ctx.
func (c *content) run() {
	c.start.Do(func() {
		go c.poll()
		go c.listen()
		go c.precompute()
	})
}

// setVersion makes v the version answers are served for, dropping every lazy answer, when it
// is newer than the one known. Notifications and the reads after a miss only ever move it
// forward: they may arrive late and out of order.
func (c *content) setVersion(v int64) {
	c.moveVersion(v, func(cur int64) bool { return v > cur })
}

// pollVersion is setVersion for a poll that started when the version had changed changes
// times. A poll may also move the version back (a database restored from a backup, or
// migrated down below 000022), but only if nothing moved it while the poll was in flight,
// since then the poll's read may predate the change.
func (c *content) pollVersion(v int64, changes int64) {
	c.moveVersion(v, func(cur int64) bool { return v > cur || (v < cur && c.changes.Load() == changes) })
}

func (c *content) moveVersion(v int64, move func(cur int64) bool) {
	c.lazy.mu.Lock()
	if !move(c.version.Load()) {
		c.lazy.mu.Unlock()
		return
	}
	// Under the lazy answers' lock, so that no answer of the old version is put after the purge.
	c.version.Store(v)
	c.changes.Add(1)
	c.lazy.purgeLocked()
	c.lazy.mu.Unlock()
	c.requestRebuild()
}

func (c *content) requestRebuild() {
	select {
	case c.rebuild <- struct{}{}:
	default:
	}
}

// poll reads the version every pollEvery: the fallback when notifications do not arrive, and
// the database's health for /readyz and the metrics.
func (c *content) poll() {
	ticker := time.NewTicker(c.pollEvery)
	defer ticker.Stop()
	for {
		ctx, cancel := context.WithTimeout(c.ctx, max(c.pollEvery, time.Second))
		changes := c.changes.Load()
		v, err := c.st.ContentState(ctx)
		cancel()
		if c.ctx.Err() != nil {
			return
		}
		c.setHealth(err)
		if err == nil {
			c.pollVersion(v, changes)
			if s := c.snap.Load(); s == nil || s.version != v {
				c.requestRebuild() // a build that failed (the database went away) is retried
			}
		}
		select {
		case <-c.ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

func (c *content) setHealth(err error) {
	c.healthMu.Lock()
	defer c.healthMu.Unlock()
	switch {
	case err == nil:
		if c.dbErr != nil {
			c.log.Info("database answers again", "unavailable_for", time.Since(c.dbErrFrom).Round(time.Millisecond).String())
		}
		c.dbErr = nil
	case c.dbErr == nil:
		c.log.Warn("database unavailable; serving what is held in memory", "err", err)
		c.dbErr, c.dbErrFrom = err, time.Now()
	default:
		c.dbErr = err
	}
}

// health returns since when the database is unavailable, and why (nil if it answers).
func (c *content) health() (time.Time, error) {
	c.healthMu.Lock()
	defer c.healthMu.Unlock()
	return c.dbErrFrom, c.dbErr
}

// listen follows the database's notifications of new versions, reconnecting with a growing
// pause when the connection fails or the server (a hot standby) refuses to listen.
func (c *content) listen() {
	pause := c.pollEvery
	for {
		started := time.Now()
		err := c.st.ListenContentVersion(c.ctx, func(v int64) { c.setVersion(v) })
		if c.ctx.Err() != nil {
			return
		}
		if time.Since(started) > time.Minute {
			pause = c.pollEvery
		}
		level := slog.LevelDebug
		if pause == c.pollEvery {
			level = slog.LevelWarn
		}
		c.log.Log(c.ctx, level, "not listening for content changes; polling every "+c.pollEvery.String(), "err", err, "retry_in", pause.String())
		select {
		case <-c.ctx.Done():
			return
		case <-time.After(pause):
		}
		pause = min(2*pause, 30*time.Second)
	}
}

// precompute builds the snapshot of each new version.
func (c *content) precompute() {
	for {
		select {
		case <-c.ctx.Done():
			return
		case <-c.rebuild:
		}
		v := c.version.Load()
		if s := c.snap.Load(); v == 0 || (s != nil && s.version == v) {
			continue
		}
		s, err := c.build(v)
		if err != nil {
			c.log.Debug("precompute answers", "version", v, "err", err)
			continue
		}
		c.snap.Store(s)
		c.log.Info("answers precomputed", "version", v, "answers", len(s.answers), "bytes", s.bytes)
	}
}

// errVersionMoved reports that the content changed while answers were being computed.
var errVersionMoved = errors.New("the content version moved")

// build computes the snapshot of version v: /openapi.yaml, /v1/meta, the first page of every
// list, /v1/export, then every item, found by walking each list's pages. It keeps answers
// until half the bound is (nearly) used; the rest are computed on first use. It fails when the
// version read at the end is not v, as then the answers may mix versions.
func (c *content) build(v int64) (*snapshot, error) {
	s := &snapshot{version: v, answers: map[string]*answer{}}
	var statics, lists []string
	err := chi.Walk(c.routes, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if method != http.MethodGet {
			return nil
		}
		if strings.Contains(route, "{") {
			lists = append(lists, route)
		} else {
			statics = append(statics, route)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// An item is found by walking its list: a route of one parameter after a list's path. Any
	// other route with parameters (a finding by its key) is computed on first use.
	lists = slices.DeleteFunc(lists, func(route string) bool {
		i := strings.LastIndex(route, "/{")
		return i < 0 || strings.Contains(route[:i], "{") || strings.Contains(route[i+1:], "/") ||
			!slices.Contains(statics, route[:i])
	})
	keep := func(path string, rec *recorder) {
		// Once per version: the smallest gzip is worth its time.
		a := newAnswer(v, path, rec, gzip.BestCompression, true)
		if s.bytes+a.size <= c.bound/2 {
			s.answers[path] = a
			s.bytes += a.size
		}
	}
	// Once less than this is left, nothing more is computed: on a content too large for the
	// bound, the rest is computed on first use, and a new version is held sooner.
	full := func() bool { return c.bound/2-s.bytes < 64<<10 }
	var items []string
	for _, path := range statics {
		rec, err := c.get(path)
		if err != nil {
			return nil, err
		}
		if rec.status != http.StatusOK {
			continue // /v1/search, which needs a q
		}
		keep(path, rec)
	}
	for _, route := range lists {
		i := strings.LastIndex(route, "/{")
		list, param := route[:i], strings.Trim(route[i+1:], "{}")
		for path := list; path != "" && !full(); {
			rec, err := c.get(path)
			if err != nil {
				return nil, err
			}
			if rec.status != http.StatusOK {
				return nil, fmt.Errorf("GET %s: status %d", path, rec.status)
			}
			if path != list {
				keep(path, rec)
			}
			var page struct {
				Data []map[string]any `json:"data"`
				Next *string          `json:"next"`
			}
			dec := json.NewDecoder(&rec.body)
			dec.UseNumber()
			if err := dec.Decode(&page); err != nil {
				return nil, fmt.Errorf("GET %s: %w", path, err)
			}
			for _, item := range page.Data {
				items = append(items, list+"/"+url.PathEscape(fmt.Sprint(item[param])))
			}
			path = ""
			if page.Next != nil {
				path = *page.Next
			}
		}
	}
	for _, path := range items {
		if full() {
			break
		}
		rec, err := c.get(path)
		if err != nil {
			return nil, err
		}
		if rec.status == http.StatusOK {
			keep(path, rec)
		}
	}
	after, err := c.st.ContentVersion(c.ctx)
	if err != nil {
		return nil, err
	}
	if after != v {
		c.setVersion(after)
		return nil, errVersionMoved
	}
	return s, nil
}

type precomputingKey struct{}

// get runs GET path through the held routes, past the cache, and returns what it wrote; an
// error means the database could not answer.
func (c *content) get(path string) (*recorder, error) {
	ctx, cancel := context.WithTimeout(context.WithValue(c.ctx, precomputingKey{}, true), time.Minute)
	defer cancel()
	r, err := http.NewRequestWithContext(ctx, http.MethodGet, path, nil)
	if err != nil {
		return nil, err
	}
	rec := newRecorder()
	c.routes.ServeHTTP(rec, r)
	if rec.status >= http.StatusInternalServerError || !rec.wrote {
		return nil, fmt.Errorf("GET %s: status %d", path, rec.status)
	}
	return rec, nil
}

// serve is the middleware of the held routes. It runs after routing, so that only a GET or
// HEAD of a route that exists ever reaches it.
func (c *content) serve(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.run()
		if r.Context().Value(precomputingKey{}) != nil || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			next.ServeHTTP(w, r)
			return
		}
		key := cacheKey(r)
		v := c.version.Load()
		if v != 0 {
			if s := c.snap.Load(); s != nil && s.version == v {
				if a, ok := s.answers[key]; ok {
					c.counters.snapshot.Add(1)
					a.write(w, r)
					return
				}
			}
			if a := c.lazy.get(v, key); a != nil {
				c.counters.hit.Add(1)
				a.write(w, r)
				return
			}
		}
		c.counters.miss.Add(1)
		var leader bool
		res, _, _ := c.misses.Do(strconv.FormatInt(v, 10)+" "+key, func() (any, error) {
			leader = true
			return c.compute(r, key, v, next), nil
		})
		out := res.(computed)
		switch {
		case out.answer != nil:
			out.answer.write(w, r)
		case leader:
			out.rec.copyTo(w)
		default:
			// Not a 200: a problem names the request it answers, so each follower gets its own.
			next.ServeHTTP(w, r)
		}
	})
}

// compute runs the handler for a miss and keeps a 200 answer if it is known to be of
// version v: the version read after it is still v, so no change of content committed between
// learning v and finishing the answer.
func (c *content) compute(r *http.Request, key string, v int64, next http.Handler) computed {
	full := r.Clone(r.Context())
	// Compute the full answer, whatever the request's conditions, so that it can be kept.
	full.Header.Del("If-None-Match")
	rec := newRecorder()
	next.ServeHTTP(rec, full)
	if rec.status != http.StatusOK || !rec.wrote || r.Context().Err() != nil {
		return computed{rec: rec}
	}
	// On a request's path: gzip's default level, most of the gain for a fraction of the time.
	// An answer too large to be kept is compressed only for a client that asks for gzip.
	level, keep := gzip.DefaultCompression, int64(rec.body.Len()) <= c.lazy.max
	if !keep && !acceptsGzip(r) {
		level = noGzip
	}
	a := newAnswer(v, key, rec, level, keep)
	if c.stillAt(r.Context(), v) {
		c.lazy.mu.Lock()
		if c.version.Load() == v { // not purged for a newer version meanwhile
			c.lazy.putLocked(key, a)
		}
		c.lazy.mu.Unlock()
	}
	return computed{answer: a}
}

// stillAt reports whether the content is still at version v, read after computing something
// at v: only then is that known to be exactly version v, and may be kept. When the version
// cannot be read, it is served, not kept; a newer version read is taken on.
func (c *content) stillAt(ctx context.Context, v int64) bool {
	after, err := c.st.ContentVersion(ctx)
	switch {
	case err != nil:
		return false
	case after == v:
		return true
	default:
		c.setVersion(after)
		return false
	}
}

// heldOptions are the treatments a CDS card lists, as read at one content version.
type heldOptions struct {
	mu      sync.Mutex
	version int64
	list    []kb.Treatment
}

// treatmentOptions returns the treatments in the order the CDS service lists them, read with
// load once per content version. A hook's POST cannot be answered from the answers kept by
// URL, but what it lists can be held like them (see stillAt), and served while the database is
// down. The list is shared
// and must not be changed.
func (c *content) treatmentOptions(ctx context.Context, load func(context.Context) ([]kb.Treatment, error)) ([]kb.Treatment, error) {
	c.run()
	v := c.version.Load()
	c.options.mu.Lock()
	if v != 0 && c.options.version == v {
		list := c.options.list
		c.options.mu.Unlock()
		return list, nil
	}
	c.options.mu.Unlock()
	list, err := load(ctx)
	if err != nil {
		return nil, err
	}
	if c.stillAt(ctx, v) {
		c.options.mu.Lock()
		if c.version.Load() == v {
			c.options.version, c.options.list = v, list
		}
		c.options.mu.Unlock()
	}
	return list, nil
}

// readiness is what GET /readyz reports.
type readiness struct {
	held           bool  // a complete snapshot is held
	version        int64 // the content version served
	dbErr          error
	dbUnavailSince time.Time
}

func (c *content) readiness() readiness {
	c.run()
	since, err := c.health()
	return readiness{held: c.snap.Load() != nil, version: c.version.Load(), dbErr: err, dbUnavailSince: since}
}
