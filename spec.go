// Package calcinosiskb holds what must live at the repository root: the API contract.
package calcinosiskb

import _ "embed"

// OpenAPI is the service's OpenAPI 3.1 document, served at /openapi.yaml and used by the contract tests.
//
//go:embed openapi.yaml
var OpenAPI []byte
