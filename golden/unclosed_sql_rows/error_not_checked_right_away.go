package store

import (
	"database/sql"
	"log"
)

// Peek logs before checking the error: the analysis does not guess where the
// rows become valid, so nothing is reported.
func Peek(db *sql.DB) bool {
	rows, err := db.Query("SELECT 1")
	log.Printf("peek: %v", err)
	if err != nil {
		return false
	}
	return rows.Next()
}
