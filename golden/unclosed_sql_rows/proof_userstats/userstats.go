// Package userstats looks users up in a database.
package userstats

import (
	"database/sql"
	"strings"
)

// FirstWithPrefix returns the first user name that starts with prefix. It
// returns from inside the rows.Next loop, so the rows are never drained nor
// closed and their connection stays checked out of the pool.
func FirstWithPrefix(db *sql.DB, prefix string) (string, error) {
	rows, err := db.Query("SELECT name FROM users") // want "rows from db.Query is not closed on every path"
	if err != nil {
		return "", err
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return "", err
		}
		if strings.HasPrefix(name, prefix) {
			return name, nil
		}
	}
	return "", rows.Err()
}
