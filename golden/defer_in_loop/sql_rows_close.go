package cases

import "database/sql"

func countPerTable(db *sql.DB, tables []string) map[string]int {
	counts := map[string]int{}
	for _, table := range tables {
		rows, err := db.Query("SELECT name FROM " + table)
		if err != nil {
			continue
		}
		defer rows.Close() // want `defer rows.Close\(\) inside a loop`
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				break // leaves the inner loop only
			}
			if name == "" {
				continue // next row
			}
			counts[table]++
		}
	}
	return counts
}
