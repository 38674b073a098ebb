package kb

import (
	"encoding/json"
	"regexp"
	"time"
)

// Released says when a record entered the content and when it last changed, as release ids.
// Both are nil for a record written outside any release (by hand, not by a migration).
type Released struct {
	// AddedIn is the release that added the record; the latest one if it was removed and added again.
	AddedIn *string
	// ChangedIn is the latest release that added, changed or removed it.
	ChangedIn *string
}

// Release is one data release: the content as one migration left it, and how many records
// that migration added, removed and changed.
type Release struct {
	ID        string // YYYY.MM.DD, with -2, -3, ... for later releases of one day
	Migration int64  // the schema migration that made it; releases are ordered by it
	Published time.Time
	Summary   string
	Added     int
	Removed   int
	Changed   int
	// Changes is the release's changelog, when the release is read on its own.
	Changes []ReleaseChange
}

// The changes a release can make to a record.
const (
	ChangeAdded   = "added"
	ChangeRemoved = "removed"
	ChangeChanged = "changed"
)

// ReleaseChange is one record that a release added, removed or changed.
type ReleaseChange struct {
	Release string
	Kind    string // the record's collection, as content.Kinds names it
	Key     string // its natural key: a slug, or source/subject/name for a finding
	Change  string // one of ChangeAdded, ChangeRemoved, ChangeChanged
	Fields  []FieldChange
}

// FieldChange is one field of a changed record, before and after. Values are JSON as the
// changelog stores them: a string, an array of strings for a list, or null.
type FieldChange struct {
	Field string
	Old   json.RawMessage
	New   json.RawMessage
}

var releaseIDPattern = regexp.MustCompile(`^[0-9]{4}\.[0-9]{2}\.[0-9]{2}(-[1-9][0-9]{0,8})?$`)

// ValidReleaseID reports whether s has the form of a release id; the schema enforces the same
// form (the length of a day's sequence number is bounded here only, so that no long text
// reaches the database).
func ValidReleaseID(s string) bool {
	return releaseIDPattern.MatchString(s)
}

// RemovedError reports that the record asked for was removed by a release. Its key is never
// reused, so a tool that held the record learns it is gone for good, and where to read why.
type RemovedError struct {
	Kind    string // the collection, as releases name it: "sources", "findings", ...
	Key     string
	Release string
}

func (e *RemovedError) Error() string {
	return e.Kind + " " + e.Key + " was removed in release " + e.Release
}

// Unwrap makes a removed record a record not found to callers that need not tell them apart.
func (e *RemovedError) Unwrap() error { return ErrNotFound }
