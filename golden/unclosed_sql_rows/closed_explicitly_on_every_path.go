package store

import "database/sql"

// First closes its rows by hand on each way out.
func First(db *sql.DB) (string, error) {
	rows, err := db.Query("SELECT name FROM users")
	if err != nil {
		return "", err
	}
	if !rows.Next() {
		rows.Close()
		return "", rows.Err()
	}
	var name string
	err = rows.Scan(&name)
	rows.Close()
	return name, err
}
