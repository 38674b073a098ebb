// The client is generated from the contract by oapi-codegen, pinned in go.mod as a tool. After
// a change to openapi.yaml run `go generate ./clients/go/...`; TestGeneratedCode_MatchesSpec
// fails until then.

//go:generate go tool oapi-codegen -config oapi-codegen.yaml -o kbclient.gen.go ../../../openapi.yaml

package kbclient
