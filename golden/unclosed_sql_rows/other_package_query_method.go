package search

import "strings"

// index is not a database: its Query returns a slice, not *sql.Rows, and this
// file does not import database/sql.
type index struct{ docs []string }

func (x *index) Query(term string) ([]string, error) {
	var hits []string
	for _, d := range x.docs {
		if strings.Contains(d, term) {
			hits = append(hits, d)
		}
	}
	return hits, nil
}

// Count runs a query on the index.
func Count(db *index, term string) (int, error) {
	rows, err := db.Query(term)
	if err != nil {
		return 0, err
	}
	for range rows {
		if len(rows) > 100 {
			return 100, nil
		}
	}
	return len(rows), nil
}
