package store

import (
	"database/sql"
	"log"
)

// Prune closes its statement in a deferred closure that logs the error.
func Prune(db *sql.DB, ids []int64) error {
	stmt, err := db.Prepare("DELETE FROM sessions WHERE id = ?")
	if err != nil {
		return err
	}
	defer func() {
		if err := stmt.Close(); err != nil {
			log.Printf("prune: %v", err)
		}
	}()
	for _, id := range ids {
		if _, err := stmt.Exec(id); err != nil {
			return err
		}
	}
	return nil
}
