package store

import "database/sql"

// ByTeam queries through a prepared statement: the statement is closed, the
// rows from its Query are not when a Scan fails.
func ByTeam(stmt *sql.Stmt, team string) (map[int64]string, error) {
	rows, err := stmt.Query(team) // want "rows from stmt.Query is not closed on every path"
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}
