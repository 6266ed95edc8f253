// Package plans embeds the plan files shipped with mfgplan, so the binary
// serves the Dazhou plan with no file beside it.
package plans

import "embed"

// Files holds every *.yaml plan file of this folder.
//
//go:embed *.yaml
var Files embed.FS

// Default is the plan loaded when none is named.
const Default = "dazhou-2021-2025.yaml"
