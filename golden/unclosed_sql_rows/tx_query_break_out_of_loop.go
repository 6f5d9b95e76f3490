package store

import "database/sql"

// FirstInactive stops at the first inactive account: the break leaves the
// rows undrained and open, and the transaction cannot commit while they are.
func FirstInactive(tx *sql.Tx) (int64, error) {
	rows, err := tx.Query("SELECT id, active FROM accounts") // want "rows from tx.Query is not closed on every path \\(the return on line 17 skips it\\)"
	if err != nil {
		return 0, err
	}
	var found int64
	for rows.Next() {
		var id int64
		var active bool
		if err := rows.Scan(&id, &active); err != nil {
			return 0, err
		}
		if !active {
			found = id
			break
		}
	}
	return found, rows.Err()
}
