package store

import "database/sql"

// Total closes its rows but takes an aborted iteration for the end of the
// result set: rows.Err() is never consulted.
func Total(db *sql.DB) (int64, error) {
	rows, err := db.Query("SELECT amount FROM payments")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var total int64
	for rows.Next() { // want "rows.Err\\(\\) is never checked after the rows.Next\\(\\) loop"
		var amount int64
		if err := rows.Scan(&amount); err != nil {
			return 0, err
		}
		total += amount
	}
	return total, nil
}
