package store

import "database/sql"

// Names returns every user name; a Scan error returns from inside the loop
// with the rows, and their connection, still open.
func Names(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users") // want "rows from db.Query is not closed on every path \\(the return on line 16 skips it\\): its database connection stays busy"
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, rows.Err()
}
