// Held-out tests: copied in only when the check runs.
package greeting

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// Requests that carry no usable name, in several spellings.
var blankTargets = []string{
	"/greet",
	"/greet?name=",
	"/greet?name=%20%20",
	"/greet?name=%09",
	"/greet?lang=fr",
	"/greet?name=&lang=fr",
	"/greet?lang=fr&name=",
}

func fetch(t *testing.T, srv *httptest.Server, target string) (int, string, string) {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL + target)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: reading body: %v", target, err)
	}
	return resp.StatusCode, string(body), resp.Header.Get("Content-Type")
}

func TestHidden_BlankNamesGet400OverRealServer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(Greet))
	defer srv.Close()
	for _, target := range blankTargets {
		code, body, ctype := fetch(t, srv, target)
		if code != http.StatusBadRequest {
			t.Errorf("GET %s: status = %d, want 400", target, code)
		}
		if !strings.Contains(body, "missing name") || strings.Contains(body, "Hello") {
			t.Errorf("GET %s: body = %q, want \"missing name\" and no greeting", target, body)
		}
		if !strings.HasPrefix(ctype, "text/plain") {
			t.Errorf("GET %s: Content-Type = %q, want text/plain", target, ctype)
		}
	}
}

func TestHidden_NamesAreGreetedOverRealServer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(Greet))
	defer srv.Close()
	cases := map[string]string{
		"Grace Hopper": "Hello, Grace Hopper!\n",
		"Zoë":          "Hello, Zoë!\n",
		"O'Brien":      "Hello, O'Brien!\n",
		"  Linus  ":    "Hello, Linus!\n",
		"0":            "Hello, 0!\n",
	}
	for name, want := range cases {
		target := "/greet?lang=en&name=" + url.QueryEscape(name)
		code, body, _ := fetch(t, srv, target)
		if code != http.StatusOK || body != want {
			t.Errorf("GET %s: got %d %q, want 200 %q", target, code, body, want)
		}
	}
}

func TestHidden_RecorderAgreesForGeneratedRequests(t *testing.T) {
	for i := 0; i < 20; i++ {
		name := fmt.Sprintf("user-%d", i)
		rec := httptest.NewRecorder()
		Greet(rec, httptest.NewRequest(http.MethodGet, "/greet?name="+name, nil))
		if want := fmt.Sprintf("Hello, %s!\n", name); rec.Code != http.StatusOK || rec.Body.String() != want {
			t.Errorf("name %q: got %d %q, want 200 %q", name, rec.Code, rec.Body.String(), want)
		}
	}
	for _, target := range blankTargets {
		rec := httptest.NewRecorder()
		Greet(rec, httptest.NewRequest(http.MethodGet, target, nil))
		if rec.Code != http.StatusBadRequest {
			t.Errorf("GET %s: status = %d, want 400", target, rec.Code)
		}
	}
}
