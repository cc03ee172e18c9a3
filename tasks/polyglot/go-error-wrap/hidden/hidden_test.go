// Held-out tests: copied in only when the check runs.
package kvstore

import (
	"errors"
	"fmt"
	"testing"
)

func TestHidden_ErrNotFoundSurvivesFurtherWrapping(t *testing.T) {
	s := New()
	s.Put("session", "abc")
	s.Delete("session")
	_, err := s.Get("session")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf(`Get of a deleted key: errors.Is(err, ErrNotFound) = false for %v`, err)
	}
	outer := fmt.Errorf("load settings: %w", err)
	if !errors.Is(outer, ErrNotFound) {
		t.Fatalf("a caller's wrapping lost ErrNotFound: %v", outer)
	}
	if got, want := outer.Error(), "load settings: lookup session: kvstore: not found"; got != want {
		t.Errorf("wrapped error = %q, want %q", got, want)
	}
}

func TestHidden_EveryMissingKeyIsErrNotFoundAndNamed(t *testing.T) {
	s := New()
	keys := []string{"a", "user:42", "with space", "ünï", ""}
	for i := 0; i < 20; i++ {
		keys = append(keys, fmt.Sprintf("k-%d", i))
	}
	for _, k := range keys {
		_, err := s.Get(k)
		if !errors.Is(err, ErrNotFound) {
			t.Fatalf("Get(%q): errors.Is(err, ErrNotFound) = false for %v", k, err)
		}
		if got, want := err.Error(), "lookup "+k+": kvstore: not found"; got != want {
			t.Fatalf("Get(%q): error = %q, want %q", k, got, want)
		}
		if _, err := s.GetInt(k); !errors.Is(err, ErrNotFound) {
			t.Fatalf("GetInt(%q): errors.Is(err, ErrNotFound) = false for %v", k, err)
		}
	}
}

func TestHidden_PresentKeysGiveNoError(t *testing.T) {
	s := New()
	s.Put("port", "8080")
	s.Put("neg", "-7")
	s.Put("empty", "")
	if n, err := s.GetInt("port"); err != nil || n != 8080 {
		t.Errorf(`GetInt("port") = %d, %v; want 8080, nil`, n, err)
	}
	if n, err := s.GetInt("neg"); err != nil || n != -7 {
		t.Errorf(`GetInt("neg") = %d, %v; want -7, nil`, n, err)
	}
	if v, err := s.Get("empty"); err != nil || v != "" {
		t.Errorf(`Get("empty") = %q, %v; want "", nil`, v, err)
	}
	if _, err := s.GetInt("empty"); err == nil || errors.Is(err, ErrNotFound) {
		t.Errorf(`GetInt("empty") = %v; want a parse error that is not ErrNotFound`, err)
	}
}
