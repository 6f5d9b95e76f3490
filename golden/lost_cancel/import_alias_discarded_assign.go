package lostcancel

import (
	ctxpkg "context"
	"database/sql"
	"time"
)

// purgeSessions drops the cancel with the aliased package; a `var` inserted by
// the fix must spell the type ctxpkg.CancelFunc.
func purgeSessions(ctx ctxpkg.Context, db *sql.DB) (int64, error) {
	ctx, _ = ctxpkg.WithTimeout(ctx, 10*time.Second) // want "context leak"
	res, err := db.ExecContext(ctx, "DELETE FROM sessions WHERE expired")
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
