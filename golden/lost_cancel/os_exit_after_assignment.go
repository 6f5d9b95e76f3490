package lostcancel

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"
)

// migrateOrExit exits the process when the database is unreachable.
func migrateOrExit(db *sql.DB) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	if err := db.PingContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "migrate:", err)
		os.Exit(1)
	}
	_, err := db.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS jobs (id TEXT)")
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "migrate:", err)
	}
}
