package httpapi

import (
	"io/fs"
	"net/http"
	"strings"
)

// notBuilt is served when the binary was built without the UI.
const notBuilt = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>mfgplan</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>mfgplan 制造业规划监测平台</h1>
<p>界面尚未构建。请运行 <code>make run</code>（会先构建 web/ 界面）。API 可用：<a href="/api/v1/plan">/api/v1/plan</a>，
文档：<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>。</p>
<p>The UI was not built into this binary. Run <code>make run</code>, which builds web/ first.</p></body></html>`

// ui serves the embedded single-page app: real files as they are, every
// other path the app's index.html so client-side routes survive a reload.
func (s *Server) ui() http.Handler {
	files := http.FileServerFS(s.Web)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			s.writeError(w, r, errNoRoute(r))
			return
		}
		index, err := fs.ReadFile(s.Web, "index.html")
		if err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(notBuilt))
			return
		}
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name != "" {
			if st, err := fs.Stat(s.Web, name); err == nil && !st.IsDir() {
				if strings.HasPrefix(name, "assets/") {
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				files.ServeHTTP(w, r)
				return
			}
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(index)
	})
}
