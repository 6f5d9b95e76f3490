package lostcancel

import (
	ctxpkg "context"
	"database/sql"
	"time"
)

// countUsers gets an aliased context package; the early return leaks.
func countUsers(parent ctxpkg.Context, db *sql.DB) (int, error) {
	ctx, cancel := ctxpkg.WithTimeout(parent, 5*time.Second) // want "context leak"
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n); err != nil {
		return 0, err
	}
	cancel()
	return n, nil
}
