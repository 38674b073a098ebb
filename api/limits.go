package api

import (
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/httprate"
)

// Request size limits, below the server's own MaxHeaderBytes so that a client learns which
// limit it hit in a problem it can read.
const (
	maxURLBytes    = 8 << 10
	maxHeaderBytes = 16 << 10
)

// limitRequestSize answers a URL over maxURLBytes with 414 and headers over maxHeaderBytes in
// all with 431, before any work is done.
func limitRequestSize(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.RequestURI) > maxURLBytes {
			writeProblem(w, r, problem{Status: http.StatusRequestURITooLong,
				Detail: fmt.Sprintf("The URL is longer than %d bytes.", maxURLBytes)})
			return
		}
		size := 0
		for name, values := range r.Header {
			for _, v := range values {
				size += len(name) + len(v)
			}
		}
		if size > maxHeaderBytes {
			writeProblem(w, r, problem{Status: http.StatusRequestHeaderFieldsTooLarge,
				Detail: fmt.Sprintf("The request headers add up to more than %d bytes.", maxHeaderBytes)})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// limitRate allows each client address perMinute requests a minute and answers the excess
// with 429 and the seconds to wait in Retry-After.
func limitRate(log *slog.Logger, perMinute int) func(http.Handler) http.Handler {
	return httprate.LimitBy(perMinute, time.Minute, httprate.KeyByIP,
		httprate.WithLimitHandler(func(w http.ResponseWriter, r *http.Request) {
			wait := time.Minute
			if reset, err := strconv.ParseInt(w.Header().Get("X-RateLimit-Reset"), 10, 64); err == nil {
				wait = max(time.Until(time.Unix(reset, 0)), time.Second)
			}
			w.Header().Set("Retry-After", strconv.Itoa(int(wait.Round(time.Second)/time.Second)))
			log.InfoContext(r.Context(), "rate limited", "remote", r.RemoteAddr)
			writeProblem(w, r, problem{Status: http.StatusTooManyRequests,
				Detail: fmt.Sprintf("More than %d requests a minute from this client; retry after the delay in Retry-After.", perMinute)})
		}))
}
