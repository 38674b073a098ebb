package kb

import (
	"regexp"
	"strings"
)

// Author is one name of a byline: a person (Family, Given initials, an optional Suffix) or,
// when the byline names a group, Literal alone.
type Author struct {
	Family  string
	Given   string // initials with periods, "T. A."
	Suffix  string
	Literal string
}

// personPattern reads a name as the bylines print it: surname, initials, an optional suffix
// ("Medsger TA Jr").
var personPattern = regexp.MustCompile(`^(\S.*?) ([A-Z]{1,4})(?: (Jr|Sr|II|III|IV))?$`)

// Byline splits a source's authors as printed (Vancouver style: "Valenzuela A, Chung L", groups
// set off by semicolons) into names, and reports whether the printed list ends in "et al.", so
// that it is incomplete. A name that does not read as surname and initials is kept whole as a
// group's name. A source without a byline has no authors.
func (s Source) Byline() (authors []Author, etAl bool) {
	if s.Authors == nil {
		return nil, false
	}
	for _, group := range strings.Split(*s.Authors, ";") {
		for _, name := range strings.Split(group, ",") {
			name = strings.TrimSpace(name)
			switch {
			case name == "":
			case name == "et al." || name == "et al":
				etAl = true
			default:
				authors = append(authors, parseName(name))
			}
		}
	}
	return authors, etAl
}

// Vancouver is the name as bylines print it: "Medsger TA Jr", or a group's name.
func (a Author) Vancouver() string {
	if a.Literal != "" {
		return a.Literal
	}
	name := a.Family + " " + strings.NewReplacer(".", "", " ", "").Replace(a.Given)
	if a.Suffix != "" {
		name += " " + a.Suffix
	}
	return name
}

func parseName(name string) Author {
	m := personPattern.FindStringSubmatch(name)
	if m == nil {
		return Author{Literal: name}
	}
	initials := make([]string, 0, len(m[2]))
	for _, r := range m[2] {
		initials = append(initials, string(r)+".")
	}
	return Author{Family: m[1], Given: strings.Join(initials, " "), Suffix: m[3]}
}

// Locator is where in its journal a source appears, as far as the printed citation says.
type Locator struct {
	Volume string
	Issue  string
	Pages  string // a page or a range as printed, "542-8"
}

var (
	locatorPattern = regexp.MustCompile(`^([0-9]+)(?:\(([^()]+)\))?(?::(.+))?$`)
	pagesPattern   = regexp.MustCompile(`^[A-Za-z0-9.]+(?:-[A-Za-z0-9.]+)?$`)
)

// Locator reads volume, issue and pages from the printed citation ("27(6):542-8"). It reports
// false when the citation does not have that form ("Abstract 1525", or a note that the record
// shows no volume), and leaves Pages empty when what follows the colon is not a page range.
func (s Source) Locator() (Locator, bool) {
	m := locatorPattern.FindStringSubmatch(strings.TrimSpace(s.Citation))
	if m == nil {
		return Locator{}, false
	}
	l := Locator{Volume: m[1], Issue: m[2]}
	if pagesPattern.MatchString(m[3]) {
		l.Pages = m[3]
	}
	return l, true
}
