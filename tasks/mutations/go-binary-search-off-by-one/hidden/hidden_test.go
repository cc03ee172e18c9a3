// Held-out tests: copied in only when the check runs.
package ports

import (
	"fmt"
	"testing"
)

func TestHidden_EveryPortOfGeneratedTables(t *testing.T) {
	for n := 0; n <= 40; n++ {
		tbl := make([]Service, n)
		for i := range tbl {
			tbl[i] = Service{Port: 1000 + 7*i, Name: fmt.Sprintf("svc-%d-%d", n, i)}
		}
		for i, s := range tbl {
			got, ok := Lookup(tbl, s.Port)
			if !ok || got != s.Name {
				t.Fatalf("n=%d: Lookup(%d) = (%q, %v), want (%q, true) at index %d", n, s.Port, got, ok, s.Name, i)
			}
		}
	}
}

func TestHidden_EveryGapOfGeneratedTablesMisses(t *testing.T) {
	for n := 0; n <= 40; n++ {
		tbl := make([]Service, n)
		for i := range tbl {
			tbl[i] = Service{Port: 1000 + 7*i, Name: fmt.Sprintf("svc-%d", i)}
		}
		for port := 990; port <= 1000+7*n+3; port++ {
			if (port-1000)%7 == 0 && port >= 1000 && port < 1000+7*n {
				continue
			}
			if got, ok := Lookup(tbl, port); ok {
				t.Fatalf("n=%d: Lookup(%d) = (%q, true), want a miss", n, port, got)
			}
		}
	}
}

func TestHidden_WellKnownTable(t *testing.T) {
	for _, s := range WellKnown {
		if got, ok := Lookup(WellKnown, s.Port); !ok || got != s.Name {
			t.Fatalf("Lookup(WellKnown, %d) = (%q, %v), want (%q, true)", s.Port, got, ok, s.Name)
		}
	}
	for _, port := range []int{0, 21, 23, 443 + 1, 992, 994, 65535} {
		if got, ok := Lookup(WellKnown, port); ok {
			t.Fatalf("Lookup(WellKnown, %d) = (%q, true), want a miss", port, got)
		}
	}
}

func TestHidden_TwoEntries(t *testing.T) {
	two := []Service{{5, "five"}, {9, "nine"}}
	for port, want := range map[int]string{5: "five", 9: "nine"} {
		if got, ok := Lookup(two, port); !ok || got != want {
			t.Fatalf("Lookup(%d) = (%q, %v), want (%q, true)", port, got, ok, want)
		}
	}
	for _, port := range []int{4, 6, 8, 10} {
		if got, ok := Lookup(two, port); ok {
			t.Fatalf("Lookup(%d) = (%q, true), want a miss", port, got)
		}
	}
}
