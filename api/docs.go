package api

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
)

// The interactive API reference served at GET /docs: Swagger UI on /openapi.yaml, embedded in
// the binary so that the page needs nothing beyond this server.
//
// docs/index.html and docs/init.js are ours. The other files are copied unchanged from the
// npm package swagger-ui-dist@5.35.0 (Apache-2.0, SmartBear Software):
//
//	swagger-ui-bundle.js, swagger-ui-bundle.js.LICENSE.txt (licences of what the bundle
//	contains), swagger-ui.css, LICENSE, NOTICE
//
// To refresh them, in a temporary directory:
//
//	npm pack swagger-ui-dist@<version> && tar xzf swagger-ui-dist-<version>.tgz
//	cp package/{swagger-ui-bundle.js,swagger-ui-bundle.js.LICENSE.txt,swagger-ui.css,LICENSE,NOTICE} <repo>/api/docs/
//
// then update the version above and run the headless-Chromium test (go test ./api/ -run Docs).
// Keep index.html free of inline scripts and of URLs to other hosts: the page is served with
// the Content-Security-Policy below.
//
//go:embed docs
var docsFS embed.FS

// docsCSP lets the page load only from this server. Swagger UI sets inline styles and draws
// its icons as data: images; every script is a file under /docs.
const docsCSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'"

// docsIndex is the page itself, served at /docs (and nowhere else, so each file has one URL).
const docsIndex = "index.html"

// docsTypes gives each embedded file's Content-Type by extension; a file without one is a
// licence text.
var docsTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
	"":      "text/plain; charset=utf-8",
}

// docsFile is an embedded file, ready to serve.
type docsFile struct {
	body        []byte
	contentType string
	etag        string
}

// docsFiles holds every file under docs/, by name; read once, as the files never change.
var docsFiles = func() map[string]docsFile {
	files := map[string]docsFile{}
	entries, err := fs.ReadDir(docsFS, "docs")
	if err != nil {
		panic(err) // the directory is embedded: it is always there
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		ct, ok := docsTypes[path.Ext(e.Name())]
		if !ok {
			panic("api/docs: no Content-Type for " + e.Name())
		}
		body, err := docsFS.ReadFile("docs/" + e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(body)
		files[e.Name()] = docsFile{body: body, contentType: ct, etag: `"` + hex.EncodeToString(sum[:16]) + `"`}
	}
	return files
}()

// addDocsRoutes serves the API reference: GET /docs is the page, GET /docs/{file} its assets.
func addDocsRoutes(r chi.Router) {
	r.Get("/docs", func(w http.ResponseWriter, r *http.Request) {
		serveDocsFile(w, r, docsIndex)
	})
	r.Get("/docs/{file}", func(w http.ResponseWriter, r *http.Request) {
		name := chi.URLParam(r, "file")
		if name == docsIndex || name == "" || strings.HasPrefix(name, ".") {
			notFound(w, r)
			return
		}
		serveDocsFile(w, r, name)
	})
}

func serveDocsFile(w http.ResponseWriter, r *http.Request, name string) {
	f, ok := docsFiles[name]
	if !ok {
		notFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	// Revalidate on each load (cheap, with the ETag), so a new release's files are picked up.
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", f.etag)
	if name == docsIndex {
		h.Set("Content-Security-Policy", docsCSP)
		h.Set("Referrer-Policy", "no-referrer")
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.body))
}
