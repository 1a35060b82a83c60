package kitchen

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"net/http"
	"path"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static/*
var staticFiles embed.FS

// assetVersion changes whenever an asset does; pages add it to asset URLs
// so a tablet never runs an old script against a new page.
var assetVersion = hashAssets()

func hashAssets() string {
	sum := sha256.New()
	for _, name := range []string{"kitchen.css", "kitchen.js"} {
		b, err := staticFiles.ReadFile("static/" + name)
		if err != nil {
			panic("kitchen: missing embedded asset " + name) // a build mistake
		}
		sum.Write(b)
	}
	return hex.EncodeToString(sum.Sum(nil))[:12]
}

func parsePages() (*template.Template, error) {
	t, err := template.New("").Funcs(template.FuncMap{
		"asset": func(name string) string {
			return "/kitchen/static/" + name + "?v=" + assetVersion
		},
	}).ParseFS(templateFiles, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("kitchen: parse templates: %w", err)
	}
	return t, nil
}

// contentTypes of the embedded assets; anything else is not served.
var contentTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "text/javascript; charset=utf-8",
}

// serveStatic serves the embedded stylesheet and script. They hold nothing
// private, so they are public and cached; the version query busts caches.
func serveStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	ctype, ok := contentTypes[path.Ext(name)]
	b, err := staticFiles.ReadFile("static/" + name)
	if !ok || err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(b)
}
