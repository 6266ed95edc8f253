// Package web embeds the built UI (web/dist, made by `npm run build`). On a
// clone where the UI has not been built, dist holds only .gitkeep and the
// server answers with a page that says how to build it.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built UI's files rooted at dist/.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // dist is embedded at build time; a failure here is a build defect
	}
	return sub
}
