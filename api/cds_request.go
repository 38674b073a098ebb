package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// A hook request is checked against CDS Hooks 2.0 ("Calling a CDS Service") and the
// patient-view hook's context. Members the specification does not name are ignored, as
// extensions may add them; a member it names must have its type and must not be null or
// empty, as the specification's use of JSON says.

var (
	uuidPattern = regexp.MustCompile(`^(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	// fhirIDPattern is FHIR's id datatype.
	fhirIDPattern = regexp.MustCompile(`^[A-Za-z0-9\-.]{1,64}$`)
	// userTypes are the resource types patient-view allows for the user.
	userTypes = []string{"Practitioner", "PractitionerRole", "Patient", "RelatedPerson"}
)

// validateHookRequest returns a *bodyError naming the first thing wrong with a hook request
// for this service, or nil.
func validateHookRequest(body []byte) error {
	request, err := jsonObject(body, "")
	if err != nil {
		return err
	}
	hook, err := requiredString(request, "hook", "")
	if err != nil {
		return err
	}
	if hook != cdsHook {
		return &bodyError{field: "hook", reason: fmt.Sprintf("is %q; this service answers the %s hook only", hook, cdsHook)}
	}
	instance, err := requiredString(request, "hookInstance", "")
	if err != nil {
		return err
	}
	if !uuidPattern.MatchString(instance) {
		return &bodyError{field: "hookInstance", reason: "must be a UUID, such as d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"}
	}
	server, hasServer, err := optionalString(request, "fhirServer", "")
	if err != nil {
		return err
	}
	if hasServer {
		u, err := url.Parse(server)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return &bodyError{field: "fhirServer", reason: "must be the absolute http or https URL of a FHIR server"}
		}
	}
	if raw, ok := request["fhirAuthorization"]; ok {
		if !hasServer {
			return &bodyError{field: "fhirAuthorization", reason: "requires fhirServer, the server its token is for"}
		}
		if err := validateAuthorization(raw); err != nil {
			return err
		}
	}
	raw, ok := request["context"]
	if !ok {
		return &bodyError{field: "context", reason: "is required"}
	}
	if err := validatePatientViewContext(raw); err != nil {
		return err
	}
	if raw, ok := request["prefetch"]; ok {
		prefetch, err := jsonObject(raw, "prefetch")
		if err != nil {
			return err
		}
		// This service asks for no prefetch; what a client sends anyway must still be
		// FHIR resources, or null where the client found nothing.
		for key, value := range prefetch {
			if isJSONNull(value) {
				continue
			}
			if _, err := jsonObject(value, "prefetch."+key); err != nil {
				return err
			}
		}
	}
	return nil
}

// validateAuthorization checks fhirAuthorization, the OAuth 2.0 token for fhirServer.
func validateAuthorization(raw json.RawMessage) error {
	const path = "fhirAuthorization"
	auth, err := jsonObject(raw, path)
	if err != nil {
		return err
	}
	for _, name := range []string{"access_token", "scope", "subject"} {
		if _, err := requiredString(auth, name, path); err != nil {
			return err
		}
	}
	tokenType, err := requiredString(auth, "token_type", path)
	if err != nil {
		return err
	}
	if !strings.EqualFold(tokenType, "Bearer") {
		return &bodyError{field: path + ".token_type", reason: "must be Bearer"}
	}
	expires, ok := auth["expires_in"]
	if !ok {
		return &bodyError{field: path + ".expires_in", reason: "is required"}
	}
	if n, err := strconv.ParseInt(string(bytes.TrimSpace(expires)), 10, 64); err != nil || n < 0 {
		return &bodyError{field: path + ".expires_in", reason: "must be a whole number of seconds, 0 or more"}
	}
	if _, _, err := optionalString(auth, "patient", path); err != nil {
		return err
	}
	return nil
}

// validatePatientViewContext checks the context of the patient-view hook.
func validatePatientViewContext(raw json.RawMessage) error {
	const path = "context"
	context, err := jsonObject(raw, path)
	if err != nil {
		return err
	}
	user, err := requiredString(context, "userId", path)
	if err != nil {
		return err
	}
	typ, id, _ := strings.Cut(user, "/")
	known := false
	for _, t := range userTypes {
		known = known || typ == t
	}
	if !known || !fhirIDPattern.MatchString(id) {
		return &bodyError{field: "context.userId", reason: "must be a reference such as Practitioner/123: " +
			strings.Join(userTypes, ", ") + ", a slash and a FHIR id"}
	}
	patient, err := requiredString(context, "patientId", path)
	if err != nil {
		return err
	}
	if !fhirIDPattern.MatchString(patient) {
		return &bodyError{field: "context.patientId", reason: "must be a FHIR id: 1 to 64 letters, digits, '-' or '.'"}
	}
	encounter, ok, err := optionalString(context, "encounterId", path)
	if err != nil {
		return err
	}
	if ok && !fhirIDPattern.MatchString(encounter) {
		return &bodyError{field: "context.encounterId", reason: "must be a FHIR id: 1 to 64 letters, digits, '-' or '.'"}
	}
	return nil
}

// jsonObject parses raw as a JSON object; path names it in errors ("" for the whole body).
func jsonObject(raw json.RawMessage, path string) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	err := json.Unmarshal(raw, &m)
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr), err == nil && m == nil:
		return nil, &bodyError{field: path, reason: "must be a JSON object"}
	case err != nil:
		// Only the whole body can fail to parse: its members were parsed with it.
		return nil, &bodyError{reason: "is not valid JSON (" + err.Error() + ")"}
	}
	return m, nil
}

// requiredString returns the member name of object, which must be a non-empty string.
func requiredString(object map[string]json.RawMessage, name, path string) (string, error) {
	s, ok, err := optionalString(object, name, path)
	if err == nil && !ok {
		err = &bodyError{field: join(path, name), reason: "is required"}
	}
	return s, err
}

// optionalString returns the member name of object, if present, which must be a non-empty string.
func optionalString(object map[string]json.RawMessage, name, path string) (string, bool, error) {
	raw, ok := object[name]
	if !ok {
		return "", false, nil
	}
	var s string
	if isJSONNull(raw) || json.Unmarshal(raw, &s) != nil {
		return "", false, &bodyError{field: join(path, name), reason: "must be a string"}
	}
	if strings.TrimSpace(s) == "" {
		return "", false, &bodyError{field: join(path, name), reason: "must not be empty"}
	}
	return s, true, nil
}

func isJSONNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
