package main

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/testdb"
)

// TestFault_SlowHeaderClients opens connections that send their request headers one byte a
// second (slowloris): other clients are still served while every slow connection is open, and
// the server, not the client, ends each slow connection (its ReadHeaderTimeout is 5s), long
// before the request could have been sent whole. The times are logged.
func TestFault_SlowHeaderClients(t *testing.T) {
	skipIfShort(t)
	s := startService(t, map[string]string{"DATABASE_URL": testdb.URL(t), "LOG_LEVEL": "warn"})
	const slow = 200
	const request = "GET /v1/treatments HTTP/1.1\r\nHost: kb.test\r\nUser-Agent: one-byte-a-second\r\nAccept: application/json\r\n\r\n"

	type slowConn struct {
		opened, closed time.Time
		err            error
	}
	conns := make([]slowConn, slow)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := range slow {
		conn, err := net.DialTimeout("tcp", s.addr, 3*time.Second)
		require.NoError(t, err, "slow connection %d", i)
		conns[i].opened = time.Now()
		wg.Add(2)
		go func() { // one byte a second until the server hangs up
			defer wg.Done()
			tick := time.NewTicker(time.Second)
			defer tick.Stop()
			for j := 0; j < len(request); j++ {
				if _, err := conn.Write([]byte{request[j]}); err != nil {
					return
				}
				select {
				case <-tick.C:
				case <-stop:
					return
				}
			}
		}()
		go func() { // the server's hang-up ends the read
			defer wg.Done()
			defer conn.Close()
			// A generous deadline, only so that a server that never hangs up fails the
			// test instead of hanging it.
			_ = conn.SetReadDeadline(time.Now().Add(60 * time.Second))
			buf := make([]byte, 1024)
			for {
				if _, err := conn.Read(buf); err != nil {
					conns[i].closed, conns[i].err = time.Now(), err
					return
				}
			}
		}()
	}
	t.Cleanup(func() { close(stop); wg.Wait() })
	allOpen := time.Now()
	t.Logf("%d slow connections open in %s", slow, allOpen.Sub(conns[0].opened).Round(time.Millisecond))

	time.Sleep(time.Second)
	fast := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	var slowest time.Duration
	for i := range 5 {
		for _, p := range []string{"/healthz", "/v1/treatments/surgical-excision"} {
			r := fetch(fast, s.url+p, nil)
			require.NoError(t, r.err, "%s #%d among slow clients", p, i)
			assert.Equal(t, http.StatusOK, r.status, "%s #%d", p, i)
			slowest = max(slowest, r.took)
		}
	}
	checkedAt := time.Now()
	t.Logf("10 requests served among %d slow clients, the slowest in %s", slow, slowest.Round(time.Millisecond))

	wg.Wait() // every slow connection ended: the reads are bounded by their deadline
	var longest time.Duration
	var early int
	for i, c := range conns {
		var ne net.Error
		if errors.As(c.err, &ne) && ne.Timeout() {
			t.Errorf("slow connection %d was still open after 60s: the server never dropped it", i)
			continue
		}
		if c.closed.Before(checkedAt) {
			early++
		}
		longest = max(longest, c.closed.Sub(c.opened))
	}
	assert.Zero(t, early, "the slow connections were all still open while the other clients were served")
	t.Logf("every slow connection was dropped by the server, the last after %s", longest.Round(time.Millisecond))
}

// TestLimits_HeaderAndURLSize sends headers of more than 16 KiB and URLs of more than 8 KiB:
// each is refused with a problem, 431 and 414, that names the limit.
func TestLimits_HeaderAndURLSize(t *testing.T) {
	s := startService(t, map[string]string{"DATABASE_URL": testdb.URL(t), "LOG_LEVEL": "warn"})
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}

	pad := func(n int) string { return strings.Repeat("x", n) }
	t.Run("headers within the limit pass", func(t *testing.T) {
		r := fetch(client, s.url+"/v1/treatments", http.Header{"X-Pad": {pad(8 << 10)}})
		assert.Equal(t, http.StatusOK, r.status, "%s", r)
	})
	for name, h := range map[string]http.Header{
		"one header of 17 KiB":   {"X-Pad": {pad(17 << 10)}},
		"one header of 24 KiB":   {"X-Pad": {pad(24 << 10)}},
		"one header of 64 KiB":   {"X-Pad": {pad(64 << 10)}},
		"40 headers of 512 B":    manyHeaders(40, 512),
		"one cookie of 16 KiB+1": {"Cookie": {"a=" + pad(16<<10-1)}},
	} {
		t.Run(name, func(t *testing.T) {
			for _, p := range []string{"/v1/treatments", "/healthz", "/no/such/path"} {
				assertProblem(t, fetch(client, s.url+p, h), http.StatusRequestHeaderFieldsTooLarge, name+" on "+p)
			}
		})
	}

	t.Run("a URL within the limit passes", func(t *testing.T) {
		r := fetch(client, s.url+"/healthz?pad="+pad(7<<10), nil)
		assert.Equal(t, http.StatusOK, r.status, "%s", r)
	})
	for name, path := range map[string]string{
		"query of 8 KiB+":      "/v1/treatments?q=" + pad(8<<10),
		"path of 8 KiB+":       "/v1/treatments/" + pad(8<<10),
		"query of 64 KiB":      "/healthz?pad=" + pad(64<<10),
		"unknown path, 9 KiB":  "/" + pad(9<<10),
		"many parameters, 9KB": "/v1/treatments?" + strings.Repeat("a=1&", 9<<10/4),
	} {
		t.Run(name, func(t *testing.T) {
			assertProblem(t, fetch(client, s.url+path, nil), http.StatusRequestURITooLong, name)
		})
	}
}

func manyHeaders(n, size int) http.Header {
	h := http.Header{}
	for i := range n {
		h.Set(fmt.Sprintf("X-Pad-%d", i), strings.Repeat("y", size))
	}
	return h
}
