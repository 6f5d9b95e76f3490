package store

import "database/sql"

// Sum drains its rows: database/sql closes them once Next returns false, and
// the body cannot leave the loop any other way.
func Sum(db *sql.DB) (int64, error) {
	rows, err := db.Query("SELECT amount FROM payments")
	if err != nil {
		return 0, err
	}
	var total int64
	for rows.Next() {
		var amount int64
		if rows.Scan(&amount) == nil {
			total += amount
		}
	}
	return total, rows.Err()
}
