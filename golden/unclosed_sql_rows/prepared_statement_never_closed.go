package store

import "database/sql"

// InsertAll prepares an insert and never closes the statement.
func InsertAll(db *sql.DB, names []string) error {
	stmt, err := db.Prepare("INSERT INTO users(name) VALUES(?)") // want "stmt from db.Prepare is never closed: the prepared statement stays open on the database"
	if err != nil {
		return err
	}
	for _, name := range names {
		if _, err := stmt.Exec(name); err != nil {
			return err
		}
	}
	return nil
}
