package api

import (
	"compress/gzip"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// craftedURL is the i-th of the URLs an anonymous client can make up to fill a cache: long
// cursors, distinct q values, combinations of filters, and some repeated, to overwrite.
func craftedURL(i int, rng *rand.Rand) string {
	if i%10 == 0 {
		i = rng.IntN(i + 1) // a URL already sent, once in ten
	}
	switch i % 3 {
	case 0:
		cursor := make([]byte, 16+rng.IntN(3000))
		for j := range cursor {
			cursor[j] = byte(rng.Uint32())
		}
		return fmt.Sprintf("/v1/treatments?cursor=%s&n=%d", base64.RawURLEncoding.EncodeToString(cursor), i)
	case 1:
		return "/v1/search?q=" + url.QueryEscape(fmt.Sprintf("calcinosis %d %x", i, rng.Uint64()))
	default:
		return fmt.Sprintf("/v1/treatments?category=%d&route=%d&min_level=%d&limit=%d&sort=name&q=x%d",
			i%7, i%5, i%4, 1+i%200, i)
	}
}

// TestLazyAnswers_BoundUnderCraftedURLs keeps the answers of 100,000 crafted URLs, with
// bodies up to 256 KiB, from 8 goroutines at once, while the version changes now and then:
// the bytes accounted never exceed the bound, and always equal the sum over what is held.
func TestLazyAnswers_BoundUnderCraftedURLs(t *testing.T) {
	t.Parallel()
	const bound = 4 << 20
	c := newLazyAnswers(bound)
	big := make([]byte, 256<<10) // bodies share one backing array: the test counts, it need not hold
	const urls, workers = 100_000, 8
	var wg sync.WaitGroup
	var mu sync.Mutex // guards violations
	var violations []string
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 1))
			for i := w; i < urls; i += workers {
				key := craftedURL(i, rng)
				a := &answer{version: 1, plain: representation{body: big[:rng.IntN(len(big))], etag: `"0123456789abcdef0123456789abcdef"`,
					header: http.Header{"Content-Type": {"application/json"}, "Etag": {`"0123456789abcdef0123456789abcdef"`}}}}
				a.size = a.sizeUnder(key)
				c.mu.Lock()
				if i%5000 == 0 {
					c.purgeLocked() // a new content version
				}
				c.putLocked(key, a)
				if c.bytes > c.max || c.bytes < 0 {
					mu.Lock()
					violations = append(violations, fmt.Sprintf("after %d URLs: %d bytes accounted, bound %d", i, c.bytes, c.max))
					mu.Unlock()
				}
				c.mu.Unlock()
				if i%7 == 0 {
					c.get(1, key)
				}
			}
		}()
	}
	wg.Wait()
	require.Empty(t, violations)

	var held int64
	for _, a := range c.lru.Values() {
		held += a.size
	}
	assert.Equal(t, held, c.size(), "the bytes accounted are those of the answers held")
	assert.Greater(t, c.size(), int64(bound/2), "the cache is used, not emptied")
}

// TestLazyAnswers_OverwriteCountedOnce puts one key many times: it is counted once.
func TestLazyAnswers_OverwriteCountedOnce(t *testing.T) {
	t.Parallel()
	c := newLazyAnswers(1 << 20)
	rec := newRecorder()
	rec.body.Write(make([]byte, 600<<10))
	a := newAnswer(1, "/v1/export", rec, gzip.DefaultCompression, true)
	for range 64 {
		c.mu.Lock()
		c.putLocked("/v1/export", a)
		c.mu.Unlock()
	}
	assert.Equal(t, a.size, c.size())
	assert.Same(t, a, c.get(1, "/v1/export"))
	assert.Nil(t, c.get(2, "/v1/export"), "an answer of another version is not served")
}

// TestLazyAnswers_TooLargeIsNotKept: an answer above the bound is never kept.
func TestLazyAnswers_TooLargeIsNotKept(t *testing.T) {
	t.Parallel()
	c := newLazyAnswers(1 << 10)
	rec := newRecorder()
	rec.body.Write(make([]byte, 2<<10))
	c.mu.Lock()
	c.putLocked("/v1/export", newAnswer(1, "/v1/export", rec, gzip.DefaultCompression, true))
	c.mu.Unlock()
	assert.Zero(t, c.size())
	assert.Nil(t, c.get(1, "/v1/export"))
}

func TestAcceptsGzip(t *testing.T) {
	t.Parallel()
	for header, want := range map[string]bool{
		"":                    false,
		"gzip":                true,
		"GZIP":                true,
		"br, gzip;q=0.5":      true,
		"gzip;q=0":            false,
		"gzip; q=0.0":         false,
		"*":                   true,
		"identity":            false,
		"deflate, br":         false,
		"gzip;q=0, *":         false,
		"x-gzip":              false,
		"gzip;level=1;q=0.01": true,
	} {
		r, _ := http.NewRequest(http.MethodGet, "/", nil)
		if header != "" {
			r.Header.Set("Accept-Encoding", header)
		}
		assert.Equal(t, want, acceptsGzip(r), "Accept-Encoding: %q", header)
	}
}

func TestCacheKey_TellsRepresentationsApart(t *testing.T) {
	t.Parallel()
	key := func(accept ...string) string {
		r, _ := http.NewRequest(http.MethodGet, "/v1/sources?limit=2", nil)
		for _, a := range accept {
			r.Header.Add("Accept", a)
		}
		return cacheKey(r)
	}
	assert.Equal(t, "/v1/sources?limit=2", key())
	assert.Equal(t, key(), key("*/*"))
	assert.Equal(t, key(), key("application/json"))
	assert.NotEqual(t, key(), key("application/x-research-info-systems"))
	assert.NotEqual(t, key("application/x-bibtex"), key("application/x-research-info-systems"))
	assert.NotEqual(t, key("text/html", "*/*"), key(), "every Accept header counts")
}
