package store

import (
	"context"
	"database/sql"
)

// Touch closes the statement only when every update succeeded.
func Touch(ctx context.Context, conn *sql.Conn, ids []int64) error {
	stmt, err := conn.PrepareContext(ctx, "UPDATE users SET seen = now() WHERE id = ?") // want "stmt from conn.PrepareContext is not closed on every path \\(the return on line 16 skips it\\)"
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := stmt.ExecContext(ctx, id); err != nil {
			return err
		}
	}
	return stmt.Close()
}
