package ports

import "testing"

var table = []Service{
	{22, "ssh"}, {25, "smtp"}, {53, "dns"}, {80, "http"},
	{110, "pop3"}, {143, "imap"}, {443, "https"},
}

func expectHit(t *testing.T, tbl []Service, port int, want string) {
	t.Helper()
	got, ok := Lookup(tbl, port)
	if !ok || got != want {
		t.Fatalf("Lookup(%d) = (%q, %v), want (%q, true)", port, got, ok, want)
	}
}

func expectMiss(t *testing.T, tbl []Service, port int) {
	t.Helper()
	if got, ok := Lookup(tbl, port); ok {
		t.Fatalf("Lookup(%d) = (%q, true), want a miss", port, got)
	}
}

func TestLookup_HitMiddle(t *testing.T)   { expectHit(t, table, 80, "http") }
func TestLookup_HitFirst(t *testing.T)    { expectHit(t, table, 22, "ssh") }
func TestLookup_HitLast(t *testing.T)     { expectHit(t, table, 443, "https") }
func TestLookup_HitSecond(t *testing.T)   { expectHit(t, table, 25, "smtp") }
func TestLookup_MissBelow(t *testing.T)   { expectMiss(t, table, 21) }
func TestLookup_MissAbove(t *testing.T)   { expectMiss(t, table, 8080) }
func TestLookup_MissBetween(t *testing.T) { expectMiss(t, table, 81) }
func TestLookup_EmptyTable(t *testing.T)  { expectMiss(t, nil, 80) }

func TestLookup_SingleEntry(t *testing.T) {
	one := []Service{{53, "dns"}}
	expectHit(t, one, 53, "dns")
	expectMiss(t, one, 52)
	expectMiss(t, one, 54)
}
