package store

import "database/sql"

// Cursor keeps the rows for later calls; Close closes them.
type Cursor struct {
	rows *sql.Rows
}

// Open starts a cursor over the users table.
func Open(db *sql.DB) (*Cursor, error) {
	rows, err := db.Query("SELECT id FROM users")
	if err != nil {
		return nil, err
	}
	return &Cursor{rows: rows}, nil
}

// Close releases the rows.
func (c *Cursor) Close() error { return c.rows.Close() }
