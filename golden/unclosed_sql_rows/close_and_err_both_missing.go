package store

import "database/sql"

// Emails neither closes its rows on the Scan error path nor checks rows.Err().
func Emails(db *sql.DB) ([]string, error) {
	list, err := db.Query("SELECT email FROM users") // want "list from db.Query is not closed on every path"
	if err != nil {
		return nil, err
	}
	var out []string
	for list.Next() { // want "list.Err\\(\\) is never checked"
		var email string
		if err := list.Scan(&email); err != nil {
			return nil, err
		}
		out = append(out, email)
	}
	return out, nil
}
