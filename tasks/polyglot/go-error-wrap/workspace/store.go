// Package kvstore is a small in-memory key/value store.
package kvstore

import (
	"errors"
	"fmt"
	"strconv"
	"sync"
)

// ErrNotFound is returned (wrapped) when a key is not in the store.
// Callers detect it with errors.Is(err, ErrNotFound).
var ErrNotFound = errors.New("kvstore: not found")

// Store maps string keys to string values. It is safe for concurrent use.
type Store struct {
	mu sync.RWMutex
	m  map[string]string
}

// New returns an empty store.
func New() *Store {
	return &Store{m: make(map[string]string)}
}

// Put sets the value of key k.
func (s *Store) Put(k, v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = v
}

// Delete removes key k; deleting a missing key is not an error.
func (s *Store) Delete(k string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, k)
}

// Get returns the value of key k. For a missing key the error reads
// "lookup <k>: kvstore: not found" and satisfies errors.Is(err, ErrNotFound).
func (s *Store) Get(k string) (string, error) {
	s.mu.RLock()
	v, ok := s.m[k]
	s.mu.RUnlock()
	if !ok {
		return "", fmt.Errorf("lookup %s: %v", k, ErrNotFound)
	}
	return v, nil
}

// GetInt returns the value of key k parsed as a base-10 int. A missing key
// gives Get's error; a value that is not a number gives an error that wraps
// the *strconv.NumError.
func (s *Store) GetInt(k string) (int, error) {
	v, err := s.Get(k)
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("key %s: %w", k, err)
	}
	return n, nil
}
