package userstats

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"testing"
)

// A tiny in-memory driver: every query returns the rows user1..user5.

type fakeDriver struct{}

func (fakeDriver) Open(string) (driver.Conn, error) { return fakeConn{}, nil }

type fakeConn struct{}

func (fakeConn) Prepare(string) (driver.Stmt, error) { return fakeStmt{}, nil }
func (fakeConn) Close() error                        { return nil }
func (fakeConn) Begin() (driver.Tx, error)           { return nil, errors.New("no transactions") }

type fakeStmt struct{}

func (fakeStmt) Close() error  { return nil }
func (fakeStmt) NumInput() int { return -1 }
func (fakeStmt) Exec([]driver.Value) (driver.Result, error) {
	return nil, errors.New("no exec")
}
func (fakeStmt) Query([]driver.Value) (driver.Rows, error) { return &fakeRows{}, nil }

type fakeRows struct{ next int }

func (*fakeRows) Columns() []string { return []string{"name"} }
func (*fakeRows) Close() error      { return nil }
func (r *fakeRows) Next(dest []driver.Value) error {
	if r.next == 5 {
		return io.EOF
	}
	r.next++
	dest[0] = fmt.Sprintf("user%d", r.next)
	return nil
}

func init() { sql.Register("userstats-fake", fakeDriver{}) }

func TestFirstWithPrefixReturnsItsConnection(t *testing.T) {
	db, err := sql.Open("userstats-fake", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	name, err := FirstWithPrefix(db, "user2")
	if err != nil || name != "user2" {
		t.Fatalf("FirstWithPrefix = %q, %v", name, err)
	}
	if inUse := db.Stats().InUse; inUse != 0 {
		t.Fatalf("%d connection(s) still in use after FirstWithPrefix returned", inUse)
	}
}
