package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"calcinosiskb/internal/testdb"
)

// linkLabels lists the labels of every link of a CDS answer's cards.
func linkLabels(body []byte) ([]string, error) {
	var answer struct {
		Cards []cdsCard `json:"cards"`
	}
	if err := json.Unmarshal(body, &answer); err != nil {
		return nil, err
	}
	var labels []string
	for _, card := range answer.Cards {
		for _, l := range card.Links {
			labels = append(labels, l.Label)
		}
	}
	return labels, nil
}

// TestCDS_FollowsContentChanges: the treatments the CDS service lists are held per content
// version, so a change of content reaches its cards without a restart, and calls made while
// it happens each list one version of the content, never a mix.
func TestCDS_FollowsContentChanges(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	c := newClientOn(t, pool)
	const oldLabel, newLabel = "Evidence: Surgical excision", "Evidence: Surgical excision (renamed by a test)"
	first := c.callService(hookRequest)
	require.Equal(t, http.StatusOK, first.status)
	labels, err := linkLabels(first.body)
	require.NoError(t, err)
	require.Contains(t, labels, oldLabel)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := http.Post(c.srv.URL+cdsService, "application/json", strings.NewReader(hookRequest))
				if err != nil {
					errs <- err.Error()
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				labels, jerr := linkLabels(body)
				switch {
				case err != nil || jerr != nil || resp.StatusCode != http.StatusOK:
					errs <- "a call answered " + resp.Status
					return
				case slices.Contains(labels, oldLabel) == slices.Contains(labels, newLabel):
					errs <- "a call listed both versions of the name, or neither: " + strings.Join(labels, "; ")
					return
				}
			}
		}()
	}

	_, err = pool.Exec(context.Background(), `UPDATE treatments SET name = 'Surgical excision (renamed by a test)' WHERE slug = 'surgical-excision'`)
	require.NoError(t, err)
	deadline := time.Now().Add(10 * time.Second)
	for {
		labels, err := linkLabels(c.callService(hookRequest).body)
		require.NoError(t, err)
		if slices.Contains(labels, newLabel) {
			assert.NotContains(t, labels, oldLabel)
			break
		}
		require.True(t, time.Now().Before(deadline), "the renamed treatment never reached the cards: %v", labels)
		time.Sleep(20 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
