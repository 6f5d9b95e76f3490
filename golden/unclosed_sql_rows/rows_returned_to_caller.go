package store

import "database/sql"

// Stream hands the rows to its caller, who closes them.
func Stream(db *sql.DB, team string) (*sql.Rows, error) {
	rows, err := db.Query("SELECT id FROM members WHERE team = ?", team)
	if err != nil {
		return nil, err
	}
	return rows, nil
}
