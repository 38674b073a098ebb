package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"calcinosiskb/internal/kb"
)

// problem is an RFC 9457 problem detail. Param names the query parameter at fault, when one is.
type problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Instance string `json:"instance,omitempty"`
	Param    string `json:"param,omitempty"`
}

// paramError reports a query parameter the client must correct.
type paramError struct {
	param  string
	reason string
}

func (e *paramError) Error() string {
	return fmt.Sprintf("parameter %q %s", e.param, e.reason)
}

// unavailableError reports that the service cannot answer now but may soon.
type unavailableError struct {
	reason string
	err    error
}

func (e *unavailableError) Error() string { return e.reason + ": " + e.err.Error() }
func (e *unavailableError) Unwrap() error { return e.err }

// bodyError reports a request body the client must correct; field names the member at
// fault, as a dotted path, or is empty when the body as a whole is wrong.
type bodyError struct {
	field  string
	reason string
}

func (e *bodyError) Error() string {
	if e.field == "" {
		return "the request body " + e.reason
	}
	return fmt.Sprintf("member %q of the request body %s", e.field, e.reason)
}

// tooLargeError reports a request body over the route's limit.
type tooLargeError struct{ limit int }

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("the request body is larger than %d bytes", e.limit)
}

// mediaTypeError reports a request body of a media type the route does not take.
type mediaTypeError struct{ got string }

func (e *mediaTypeError) Error() string {
	return fmt.Sprintf("the request body's Content-Type is %q, not application/json in UTF-8", e.got)
}

// handlerFunc is a handler that returns its failure for writeError to answer.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle adapts h to http.HandlerFunc, answering any error it returns with a problem.
func handle(log *slog.Logger, h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			writeError(log, w, r, err)
		}
	}
}

// writeError is the one place where errors become problem responses.
func writeError(log *slog.Logger, w http.ResponseWriter, r *http.Request, err error) {
	if p, ok := problemFor(log, w, r, err); ok {
		writeProblem(w, r, p)
	}
}

// problemFor maps an error to the problem that answers it, logging what the client must not
// see; it reports false when nobody is left to answer. The FHIR routes render the same
// problem as an OperationOutcome.
func problemFor(log *slog.Logger, w http.ResponseWriter, r *http.Request, err error) (problem, bool) {
	var pe *paramError
	var ne *notAcceptableError
	var ue *unavailableError
	var be *bodyError
	var te *tooLargeError
	var me *mediaTypeError
	var removed *kb.RemovedError
	switch {
	case errors.As(err, &pe):
		return problem{Status: http.StatusBadRequest, Param: pe.param,
			Detail: fmt.Sprintf("Query parameter %q %s.", pe.param, pe.reason)}, true
	case errors.As(err, &be):
		return problem{Status: http.StatusBadRequest, Detail: sentence(be.Error())}, true
	case errors.As(err, &te):
		return problem{Status: http.StatusRequestEntityTooLarge, Detail: sentence(te.Error())}, true
	case errors.As(err, &me):
		return problem{Status: http.StatusUnsupportedMediaType, Detail: sentence(me.Error())}, true
	case errors.As(err, &ne):
		return problem{Status: http.StatusNotAcceptable, Detail: sentence(ne.Error())}, true
	case errors.As(err, &removed):
		return problem{Status: http.StatusGone, Detail: fmt.Sprintf(
			"The record %s of %s was removed in release %s, and its key is never reused; /v1/releases/%s says what that release changed.",
			removed.Key, removed.Kind, removed.Release, removed.Release)}, true
	case errors.Is(err, kb.ErrNotFound):
		return problem{Status: http.StatusNotFound, Detail: sentence(err.Error())}, true
	case errors.As(err, &ue):
		return unavailable(log, w, r, err, ue.reason), true
	case errors.Is(err, kb.ErrUnavailable), errors.Is(r.Context().Err(), context.DeadlineExceeded):
		// The request's deadline passing means the database did not answer in time.
		return unavailable(log, w, r, err, "The database is unavailable; try again shortly."), true
	case r.Context().Err() != nil:
		// The client went away; nobody is left to read an answer.
		log.InfoContext(r.Context(), "request abandoned", "err", err)
		return problem{}, false
	default:
		log.ErrorContext(r.Context(), "request failed", "err", err)
		return problem{Status: http.StatusInternalServerError,
			Detail: "The server could not answer this request; it has been logged."}, true
	}
}

func unavailable(log *slog.Logger, w http.ResponseWriter, r *http.Request, err error, detail string) problem {
	log.WarnContext(r.Context(), "service unavailable", "err", err)
	w.Header().Set("Retry-After", "5")
	return problem{Status: http.StatusServiceUnavailable, Detail: detail}
}

// writeProblem writes p as application/problem+json, filling in what follows from its status.
func writeProblem(w http.ResponseWriter, r *http.Request, p problem) {
	p.Type = "about:blank"
	p.Title = http.StatusText(p.Status)
	p.Instance = requestID(r)
	body, err := json.Marshal(p)
	if err != nil {
		// A problem holds only strings and an int: it always encodes.
		panic(err)
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	_, _ = w.Write(body)
}

func notFound(w http.ResponseWriter, r *http.Request) {
	if isPagePath(r.URL.Path) {
		writeErrorPage(w, r, problem{Status: http.StatusNotFound,
			Detail: fmt.Sprintf("No page at %s; the home page lists every record.", r.URL.Path)})
		return
	}
	writeProblem(w, r, problem{Status: http.StatusNotFound,
		Detail: fmt.Sprintf("No resource at %s; GET /openapi.yaml lists every path.", r.URL.Path)})
}

func methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == cdsServicePath {
		w.Header().Set("Allow", http.MethodPost)
		writeProblem(w, r, problem{Status: http.StatusMethodNotAllowed,
			Detail: fmt.Sprintf("Method %s is not allowed on %s; a CDS service is called with POST.", r.Method, r.URL.Path)})
		return
	}
	// chi answers a method it does not know (PROPFIND, say) from the top router, whatever the
	// path: FHIR's paths still answer in FHIR's own error format.
	if strings.HasPrefix(r.URL.Path, "/fhir/") {
		fhirMethodNotAllowed(w, r)
		return
	}
	// Every other route of this API is read-only.
	w.Header().Set("Allow", "GET, HEAD")
	if isPagePath(r.URL.Path) {
		writeErrorPage(w, r, problem{Status: http.StatusMethodNotAllowed,
			Detail: fmt.Sprintf("Method %s is not allowed on %s; the pages are only read (GET, HEAD).", r.Method, r.URL.Path)})
		return
	}
	writeProblem(w, r, problem{Status: http.StatusMethodNotAllowed,
		Detail: fmt.Sprintf("Method %s is not allowed on %s; this API only reads (GET, HEAD).", r.Method, r.URL.Path)})
}

// sentence makes an error's text a sentence for a problem's detail.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}
