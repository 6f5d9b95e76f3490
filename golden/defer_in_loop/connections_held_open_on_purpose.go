package cases

import (
	"database/sql"
	"testing"
)

// fillPool keeps n rows (and so n connections) open at once until it returns: the rows
// are never used, only held, so the defers pile up on purpose.
func fillPool(t *testing.T, db *sql.DB, n int) {
	for i := 0; i < n; i++ {
		rows, err := db.Query("SELECT 1")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
	}
	if got := db.Stats().OpenConnections; got != n {
		t.Fatalf("open connections = %d, want %d", got, n)
	}
}
