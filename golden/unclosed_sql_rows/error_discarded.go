package store

import "database/sql"

// Count ignores the query error: rows may be nil, so a deferred Close is not
// added without checking the error first.
func Count(db *sql.DB) int {
	rows, _ := db.Query("SELECT 1 FROM users") // want "rows from db.Query is not closed on every path"
	n := 0
	for rows.Next() {
		n++
		if n > 1000 {
			return n
		}
	}
	if rows.Err() != nil {
		return -1
	}
	return n
}
