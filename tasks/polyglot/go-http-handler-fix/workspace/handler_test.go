package greeting

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func get(t *testing.T, target string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	rec := httptest.NewRecorder()
	Greet(rec, req)
	return rec
}

func TestGreet_MissingNameReturns400(t *testing.T) {
	rec := get(t, "/greet")
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("GET /greet: status = %d, want %d", rec.Code, http.StatusBadRequest)
	}
	if strings.Contains(rec.Body.String(), "Hello") {
		t.Errorf("GET /greet: body %q must not greet anyone", rec.Body.String())
	}
}

func TestGreet_EmptyNameReturns400(t *testing.T) {
	rec := get(t, "/greet?name=")
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("GET /greet?name=: status = %d, want %d", rec.Code, http.StatusBadRequest)
	}
	if !strings.Contains(rec.Body.String(), "missing name") {
		t.Errorf("GET /greet?name=: body = %q, want it to say \"missing name\"", rec.Body.String())
	}
}

func TestGreet_WithNameSaysHello(t *testing.T) {
	rec := get(t, "/greet?name=Ada")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /greet?name=Ada: status = %d, want %d", rec.Code, http.StatusOK)
	}
	if got, want := rec.Body.String(), "Hello, Ada!\n"; got != want {
		t.Errorf("GET /greet?name=Ada: body = %q, want %q", got, want)
	}
	if got := rec.Header().Get("Content-Type"); !strings.HasPrefix(got, "text/plain") {
		t.Errorf("Content-Type = %q, want text/plain", got)
	}
}
