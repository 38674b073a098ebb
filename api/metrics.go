package api

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"calcinosiskb/internal/postgres"
)

// metrics holds what GET /metrics reports: requests by route pattern and status, their
// latency, the Go runtime and process, the database pool and the data version served.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newMetrics(log *slog.Logger, st *postgres.Store, c *content) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kb_http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "kb_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route pattern and method.",
			Buckets: []float64{.0005, .001, .002, .005, .01, .02, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route", "method"}),
	}
	m.registry.MustRegister(m.requests, m.latency,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		poolCollector{st: st}, dataVersionCollector{st: st, log: log}, contentCollector{c: c})
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// observe logs one line per request and records it in the metrics.
func observe(log *slog.Logger, m *metrics) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			next.ServeHTTP(ww, r)
			elapsed := time.Since(start)
			route := chi.RouteContext(r.Context()).RoutePattern()
			if route == "" {
				route = "unmatched" // one label for every unknown path, whatever it was
			}
			m.requests.WithLabelValues(route, r.Method, strconv.Itoa(ww.Status())).Inc()
			m.latency.WithLabelValues(route, r.Method).Observe(elapsed.Seconds())
			log.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.String("route", route),
				slog.Int("status", ww.Status()),
				slog.Int("bytes", ww.BytesWritten()),
				slog.Duration("duration", elapsed))
		})
	}
}

var (
	poolConnsDesc = prometheus.NewDesc("kb_db_pool_connections",
		"Database connections in the pool, by state.", []string{"state"}, nil)
	poolMaxDesc = prometheus.NewDesc("kb_db_pool_max_connections",
		"The most connections the pool may open.", nil, nil)
	poolAcquiresDesc = prometheus.NewDesc("kb_db_pool_acquires_total",
		"Connections acquired from the pool.", nil, nil)
	poolWaitsDesc = prometheus.NewDesc("kb_db_pool_empty_acquires_total",
		"Acquires that had to wait because no idle connection was free.", nil, nil)
	dataVersionDesc = prometheus.NewDesc("kb_data_version_info",
		"The data and schema version being served (always 1).", []string{"data_version", "schema_version"}, nil)
)

// poolCollector reads the pool's statistics at scrape time.
type poolCollector struct{ st *postgres.Store }

func (c poolCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- poolConnsDesc
	ch <- poolMaxDesc
	ch <- poolAcquiresDesc
	ch <- poolWaitsDesc
}

func (c poolCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.st.PoolStat()
	ch <- prometheus.MustNewConstMetric(poolConnsDesc, prometheus.GaugeValue, float64(s.AcquiredConns()), "acquired")
	ch <- prometheus.MustNewConstMetric(poolConnsDesc, prometheus.GaugeValue, float64(s.IdleConns()), "idle")
	ch <- prometheus.MustNewConstMetric(poolConnsDesc, prometheus.GaugeValue, float64(s.TotalConns()), "total")
	ch <- prometheus.MustNewConstMetric(poolMaxDesc, prometheus.GaugeValue, float64(s.MaxConns()))
	ch <- prometheus.MustNewConstMetric(poolAcquiresDesc, prometheus.CounterValue, float64(s.AcquireCount()))
	ch <- prometheus.MustNewConstMetric(poolWaitsDesc, prometheus.CounterValue, float64(s.EmptyAcquireCount()))
}

// dataVersionCollector reads the data version at scrape time; while the database is down it
// reports nothing rather than a stale version.
type dataVersionCollector struct {
	st  *postgres.Store
	log *slog.Logger
}

func (c dataVersionCollector) Describe(ch chan<- *prometheus.Desc) { ch <- dataVersionDesc }

func (c dataVersionCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	meta, err := c.st.Meta(ctx)
	if err != nil {
		c.log.Warn("metrics: read data version", "err", err)
		return
	}
	ch <- prometheus.MustNewConstMetric(dataVersionDesc, prometheus.GaugeValue, 1,
		meta.DataVersion, strconv.Itoa(meta.SchemaVersion))
}

var (
	contentVersionDesc = prometheus.NewDesc("kb_content_version",
		"The content version whose answers are served from memory; 0 before the first is known.", nil, nil)
	databaseUpDesc = prometheus.NewDesc("kb_database_up",
		"1 while the content version poll reaches the database, 0 while it does not.", nil, nil)
	answersHeldDesc = prometheus.NewDesc("kb_answers_held_bytes",
		"Bytes of the answers held in memory, keys and bodies counted, by store.", []string{"store"}, nil)
	answersBoundDesc = prometheus.NewDesc("kb_answers_bound_bytes",
		"The bound on the bytes of the answers held, by store.", []string{"store"}, nil)
	answersServedDesc = prometheus.NewDesc("kb_answers_total",
		"Requests for content routes, by how they were answered: precomputed, kept (on first use) or computed.", []string{"from"}, nil)
)

// contentCollector reports the state of the answers held in memory, and whether the database
// answers, without asking it.
type contentCollector struct{ c *content }

func (cc contentCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- contentVersionDesc
	ch <- databaseUpDesc
	ch <- answersHeldDesc
	ch <- answersBoundDesc
	ch <- answersServedDesc
}

func (cc contentCollector) Collect(ch chan<- prometheus.Metric) {
	c := cc.c
	ch <- prometheus.MustNewConstMetric(contentVersionDesc, prometheus.GaugeValue, float64(c.version.Load()))
	up := 1.0
	if _, err := c.health(); err != nil {
		up = 0
	}
	ch <- prometheus.MustNewConstMetric(databaseUpDesc, prometheus.GaugeValue, up)
	var snapBytes int64
	if s := c.snap.Load(); s != nil {
		snapBytes = s.bytes
	}
	ch <- prometheus.MustNewConstMetric(answersHeldDesc, prometheus.GaugeValue, float64(snapBytes), "precomputed")
	ch <- prometheus.MustNewConstMetric(answersHeldDesc, prometheus.GaugeValue, float64(c.lazy.size()), "lazy")
	ch <- prometheus.MustNewConstMetric(answersBoundDesc, prometheus.GaugeValue, float64(c.bound/2), "precomputed")
	ch <- prometheus.MustNewConstMetric(answersBoundDesc, prometheus.GaugeValue, float64(c.lazy.max), "lazy")
	ch <- prometheus.MustNewConstMetric(answersServedDesc, prometheus.CounterValue, float64(c.counters.snapshot.Load()), "precomputed")
	ch <- prometheus.MustNewConstMetric(answersServedDesc, prometheus.CounterValue, float64(c.counters.hit.Load()), "kept")
	ch <- prometheus.MustNewConstMetric(answersServedDesc, prometheus.CounterValue, float64(c.counters.miss.Load()), "computed")
}
