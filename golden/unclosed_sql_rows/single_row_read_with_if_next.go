package store

import (
	"context"
	"database/sql"
)

// Oldest reads one row with `if rows.Next()`: the rest of the result set is
// never drained, so the rows stay open.
func Oldest(ctx context.Context, db *sql.DB) (string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users ORDER BY created") // want "rows from db.QueryContext is never closed"
	if err != nil {
		return "", err
	}
	var name string
	if rows.Next() {
		if err := rows.Scan(&name); err != nil {
			return "", err
		}
	}
	return name, rows.Err()
}
