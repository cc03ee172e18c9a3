package kvstore

import (
	"errors"
	"strconv"
	"testing"
)

func TestGet_ReturnsStoredValue(t *testing.T) {
	s := New()
	s.Put("color", "blue")
	v, err := s.Get("color")
	if err != nil || v != "blue" {
		t.Fatalf(`Get("color") = %q, %v; want "blue", nil`, v, err)
	}
}

func TestGet_MissingKeyIsErrNotFound(t *testing.T) {
	s := New()
	_, err := s.Get("missing")
	if err == nil {
		t.Fatal(`Get("missing"): want an error, got nil`)
	}
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf(`Get("missing"): errors.Is(err, ErrNotFound) = false for %q`, err)
	}
}

func TestGet_MissingKeyErrorNamesTheKey(t *testing.T) {
	s := New()
	_, err := s.Get("ghost")
	if err == nil {
		t.Fatal(`Get("ghost"): want an error, got nil`)
	}
	if got, want := err.Error(), "lookup ghost: kvstore: not found"; got != want {
		t.Fatalf(`Get("ghost"): error = %q, want %q`, got, want)
	}
}

func TestGetInt_MissingKeyIsErrNotFound(t *testing.T) {
	s := New()
	_, err := s.GetInt("missing")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf(`GetInt("missing"): errors.Is(err, ErrNotFound) = false for %v`, err)
	}
}

func TestGetInt_BadNumberIsNotErrNotFound(t *testing.T) {
	s := New()
	s.Put("port", "eighty")
	_, err := s.GetInt("port")
	if err == nil {
		t.Fatal(`GetInt("port"): want an error, got nil`)
	}
	if errors.Is(err, ErrNotFound) {
		t.Errorf(`GetInt("port"): a bad number must not look like ErrNotFound: %v`, err)
	}
	var numErr *strconv.NumError
	if !errors.As(err, &numErr) {
		t.Errorf(`GetInt("port"): want a wrapped *strconv.NumError, got %v`, err)
	}
}
