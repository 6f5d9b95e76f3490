package store

import "database/sql"

// Columns asks the result set for its columns and never reads or closes it.
func Columns(db *sql.DB, table string) ([]string, error) {
	rows, err := db.Query("SELECT * FROM " + table + " LIMIT 0") // want "rows from db.Query is never closed"
	if err != nil {
		return nil, err
	}
	return rows.Columns()
}
