package store

import "database/sql"

// Name uses QueryRow, whose Scan releases the connection itself.
func Name(db *sql.DB, id int64) (string, error) {
	var name string
	err := db.QueryRow("SELECT name FROM users WHERE id = ?", id).Scan(&name)
	return name, err
}
