// Package greeting serves a tiny plain-text greeting endpoint.
package greeting

import (
	"fmt"
	"net/http"
	"strings"
)

// Greet handles GET /greet?name=<name> and answers "Hello, <name>!".
//
// The name is required: a request whose `name` query parameter is missing,
// empty or only whitespace is a client error and gets 400 Bad Request with
// the body "missing name".
func Greet(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")

	name := strings.TrimSpace(r.URL.Query().Get("name"))
	if name == "" {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintln(w, "missing name")
		return
	}

	fmt.Fprintf(w, "Hello, %s!\n", name)
}
