package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"calcinosiskb/internal/kb"
)

// craftedMargin is what the API may hold beyond its cache bound after the crafted URLs: the
// issue's target is RSS under CACHE_MAX_BYTES plus this.
const craftedMargin = 40 << 20

// craftedProfileTime is how much of the crafted URLs' run the CPU profile covers, from its start.
const craftedProfileTime = 10 * time.Second

// craftedReport is what sending many distinct, valid URLs did to the API's memory: each is
// answered 200 and is a key the cache has never seen, as an anonymous client can make them.
type craftedReport struct {
	URLs       int            `json:"urls"`
	Seconds    float64        `json:"seconds"`
	RPS        float64        `json:"rps"`
	Statuses   map[string]int `json:"statuses"`
	CacheBytes int64          `json:"cache_max_bytes"`
	// LimitBytes is CACHE_MAX_BYTES plus craftedMargin; PeakRSSBytes is the API's peak resident
	// set while the URLs were sent, RSSAfterBytes its resident set right after.
	LimitBytes    int64    `json:"limit_bytes"`
	PeakRSSBytes  int64    `json:"peak_rss_bytes"`
	RSSAfterBytes int64    `json:"rss_after_bytes"`
	CPUProfile    string   `json:"cpu_profile,omitempty"`
	CPUTop        []string `json:"cpu_profile_top,omitempty"`
}

// craftedURLs returns n distinct request URIs of the three kinds a client can vary at will:
// a cursor (a well-formed one, after a made-up name), a search term, and a combination of a
// list's filters, sort and page size (with a cursor once the combinations run out).
func craftedURLs(n int) []string {
	cursor := func(order string, i int) string {
		b, _ := json.Marshal(map[string]string{"o": order, "n": "crafted " + strconv.Itoa(i), "s": "crafted-" + strconv.Itoa(i)})
		return base64.RawURLEncoding.EncodeToString(b)
	}
	urls := make([]string, n)
	for i := range urls {
		j := i / 3
		switch i % 3 {
		case 0:
			urls[i] = "/v1/treatments?sort=name&cursor=" + cursor(kb.SortName, j)
		case 1:
			urls[i] = "/v1/search?" + url.Values{"q": {"calcinosis crafted " + strconv.Itoa(j)}}.Encode()
		default:
			q := url.Values{}
			q.Set("limit", strconv.Itoa(1+j%200))
			k := j / 200
			q.Set("sort", kb.TreatmentSorts[k%len(kb.TreatmentSorts)])
			k /= len(kb.TreatmentSorts)
			q.Set("category", kb.TreatmentCategories[k%len(kb.TreatmentCategories)])
			k /= len(kb.TreatmentCategories)
			q.Set("outcome", kb.Outcomes[k%len(kb.Outcomes)])
			k /= len(kb.Outcomes)
			q.Set("evidence_level_max", strconv.Itoa(1+k%5))
			if k /= 5; k > 0 {
				q.Set("cursor", cursor(q.Get("sort"), k))
			}
			urls[i] = "/v1/treatments?" + q.Encode()
		}
	}
	return urls
}

// sendCrafted sends every URL once, over conns keep-alive connections in closed loop, and
// reports the API's peak and final resident set against CACHE_MAX_BYTES plus the margin.
func sendCrafted(ctx context.Context, srv server, urls []string, conns int, cacheBytes int64) (*craftedReport, error) {
	if err := srv.proc.resetPeakRSS(); err != nil {
		return nil, fmt.Errorf("reset peak RSS: %w", err)
	}
	prof := srv.startProfile(ctx, "crafted", craftedProfileTime)
	atk := vegeta.NewAttacker(
		vegeta.Workers(uint64(conns)), vegeta.MaxWorkers(uint64(conns)),
		vegeta.Connections(conns), vegeta.MaxConnections(conns),
		vegeta.KeepAlive(true), vegeta.HTTP2(false), vegeta.MaxBody(0),
		vegeta.Timeout(30*time.Second), vegeta.Redirects(vegeta.NoFollow),
		vegeta.Proxy(func(*http.Request) (*url.URL, error) { return nil, nil }),
	)
	stopped := make(chan struct{})
	defer close(stopped)
	go func() {
		select {
		case <-ctx.Done():
			atk.Stop()
		case <-stopped:
		}
	}()
	var next atomic.Int64
	header := http.Header{"Accept-Encoding": {"identity"}}
	targeter := func(t *vegeta.Target) error {
		i := next.Add(1) - 1
		if i >= int64(len(urls)) {
			return vegeta.ErrNoTargets
		}
		*t = vegeta.Target{Method: http.MethodGet, URL: srv.base + urls[i], Header: header}
		return nil
	}
	rep := &craftedReport{Statuses: map[string]int{}, CacheBytes: cacheBytes, LimitBytes: cacheBytes + craftedMargin}
	start := time.Now()
	for r := range atk.Attack(targeter, vegeta.ConstantPacer{}, 0, "crafted") {
		if r.Code == 0 && r.Error == vegeta.ErrNoTargets.Error() {
			continue // the attack's end, when the targeter ran out
		}
		rep.URLs++
		rep.Statuses[errorKind(r)]++
	}
	rep.Seconds = time.Since(start).Seconds()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := srv.proc.running(); err != nil {
		return nil, err
	}
	rep.RPS = float64(rep.URLs) / rep.Seconds
	var err error
	if rep.PeakRSSBytes, err = srv.proc.peakRSS(); err != nil {
		return nil, err
	}
	if rep.RSSAfterBytes, err = srv.proc.rss(); err != nil {
		return nil, err
	}
	rep.CPUProfile, rep.CPUTop, err = prof.wait(ctx)
	return rep, err
}
