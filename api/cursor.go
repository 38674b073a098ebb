package api

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"calcinosiskb/internal/kb"
)

// cursor is the position after which the next page starts, tied to the sort order it was made for.
type cursor struct {
	Order string `json:"o"`
	Rank  int    `json:"r,omitempty"`
	Name  string `json:"n,omitempty"`
	Slug  string `json:"s"`
}

func encodeCursor(order string, key kb.Key) string {
	// A cursor holds a string and ints: it always encodes.
	b, _ := json.Marshal(cursor{Order: order, Rank: key.Rank, Name: key.Name, Slug: key.Slug})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s, order string) (kb.Key, error) {
	invalid := &paramError{param: "cursor", reason: "is not a cursor this API issued; take it from a response's next link"}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return kb.Key{}, invalid
	}
	var c cursor
	// Only keys the API could have issued pass, so that no malformed text, and no rank beyond
	// the integer columns it is compared with (levels, counts, ids), reaches the database.
	if err := json.Unmarshal(b, &c); err != nil || (c.Slug != "" && !kb.ValidSlug(c.Slug)) ||
		!utf8.ValidString(c.Name) || strings.ContainsRune(c.Name, 0) || c.Rank < 0 || c.Rank > math.MaxInt32 {
		return kb.Key{}, invalid
	}
	if c.Order != order {
		return kb.Key{}, &paramError{param: "cursor", reason: "was issued for another sort order; keep the sort of the first page"}
	}
	return kb.Key{Rank: c.Rank, Name: c.Name, Slug: c.Slug}, nil
}

// listResponse is a page of a collection; Next is the link to the following page, or null on the last.
type listResponse[T any] struct {
	Data []T     `json:"data"`
	Next *string `json:"next"`
}

// newList builds a page of items; when more follow, its next link repeats the request with a
// cursor after the last item, whose key keyOf gives.
func newList[R, T any](r *http.Request, order string, records []R, more bool, convert func(R) T, keyOf func(R) kb.Key) listResponse[T] {
	list := listResponse[T]{Data: make([]T, len(records))}
	for i, rec := range records {
		list.Data[i] = convert(rec)
	}
	if more && len(records) > 0 {
		q := r.URL.Query()
		q.Set("cursor", encodeCursor(order, keyOf(records[len(records)-1])))
		next := (&url.URL{Path: r.URL.Path, RawQuery: q.Encode()}).String()
		list.Next = &next
	}
	return list
}
