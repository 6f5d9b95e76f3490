package store

import "database/sql"

// Members queries once per team; a deferred close would wait for the whole
// loop, so this is reported without an automatic fix.
func Members(db *sql.DB, teams []string) (int, error) {
	n := 0
	for _, team := range teams {
		rows, err := db.Query("SELECT id FROM members WHERE team = ?", team) // want "rows from db.Query is not closed on every path"
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return 0, err
			}
			n++
		}
		if err := rows.Err(); err != nil {
			return 0, err
		}
	}
	return n, nil
}
