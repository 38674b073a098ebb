package api

import (
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/url"
	"testing"
)

// FuzzParams feeds arbitrary query strings to every parameter parser: each either yields a
// filter or a paramError naming a parameter, and never panics.
func FuzzParams(f *testing.F) {
	for _, seed := range []string{
		"", "limit=5", "limit=-1", "limit=+5", "limit=99999999999999999999", "sort=evidence_level&limit=1",
		"category=surgical&evidence_level_max=4&mechanism=chronic-inflammation", "q=acroosteolysis",
		"q=%00", "q=%FF%FE", "cursor=eyJvIjoibmFtZSIsInMiOiJ4In0", "%zz", "a=1&a=2", "subject_type=treatment&source=26352733",
		"route=oral&outcome=improved&sort=ssc_patients", "mechanism=Not%20A%20Slug", "limit=1&limit=1",
	} {
		f.Add(seed)
	}
	parsers := map[string]func(*http.Request) error{
		"treatments": func(r *http.Request) error { _, err := treatmentFilter(r); return err },
		"findings":   func(r *http.Request) error { _, err := findingFilter(r); return err },
		"by kind":    func(r *http.Request) error { _, err := listFilter(r, "category", []string{"clinical"}); return err },
		"search page": func(r *http.Request) error {
			_, _, err := searchPage(r, "slug")
			return err
		},
		"search": func(r *http.Request) error { _, _, err := searchQuery(r); return err },
	}
	f.Fuzz(func(t *testing.T, rawQuery string) {
		r := &http.Request{URL: &url.URL{Path: "/v1/x", RawQuery: rawQuery}}
		for name, parse := range parsers {
			err := parse(r)
			var pe *paramError
			if err != nil && (!errors.As(err, &pe) || pe.param == "") {
				t.Fatalf("%s: %q gave %v, not an error naming a parameter", name, rawQuery, err)
			}
		}
	})
}

// FuzzCursor decodes arbitrary cursors: each is rejected as a cursor error or decodes to a
// key that re-encodes to a cursor decoding to the same key.
func FuzzCursor(f *testing.F) {
	for _, seed := range []string{
		"", "x", "e30", "eyJvIjoibmFtZSIsInMiOiJ4In0", "eyJvIjoibmFtZSIsIm4iOiJcdTAwMDAiLCJzIjoieCJ9",
		"eyJvIjoiaWQiLCJyIjotMX0", "eyJvIjoiaWQiLCJyIjo1fQ", "!!!!", "eyJvIjoibmFtZSIsInMiOiJYIn0",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, order := range []string{"name", "evidence_level", "ssc_patients", "id", "slug", "cohort_size"} {
			key, err := decodeCursor(s, order)
			if err != nil {
				var pe *paramError
				if !errors.As(err, &pe) || pe.param != "cursor" {
					t.Fatalf("%q: %v is not a cursor error", s, err)
				}
				continue
			}
			if key.Rank < 0 || key.Rank > math.MaxInt32 {
				t.Fatalf("%q decodes to rank %d, beyond the integer columns it is compared with", s, key.Rank)
			}
			again, err := decodeCursor(encodeCursor(order, key), order)
			if err != nil || again != key {
				t.Fatalf("%q decodes to %+v, which does not survive a round trip: %+v, %v", s, key, again, err)
			}
		}
	})
}

// FuzzHookRequest feeds arbitrary bodies to the hook request check: each is accepted or
// answered with a bodyError, never a panic; an accepted one is a JSON object with the
// patient-view hook.
func FuzzHookRequest(f *testing.F) {
	for _, seed := range []string{
		benchHookRequest, "", "null", "[]", `{"hook":"patient-view"}`, `{"hook":7}`, "{\"hook\":\"patient-view\xff\"}",
		`{"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea","context":{"userId":"Practitioner/a","patientId":"b"},"prefetch":{"p":null}}`,
		`{"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea","context":{"userId":"Practitioner/a","patientId":"b"},"fhirAuthorization":{}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		err := validateHookRequest(body)
		var be *bodyError
		if err != nil && !errors.As(err, &be) {
			t.Fatalf("%q gave %v, not a bodyError", body, err)
		}
		if err == nil {
			var request struct{ Hook string }
			if json.Unmarshal(body, &request) != nil || request.Hook != cdsHook {
				t.Fatalf("%q was accepted", body)
			}
		}
	})
}
