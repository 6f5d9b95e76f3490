package mentions

import (
	"fmt"
	"os"
)

// Call f, err := os.Open(path) and close it when done. Example:
//
//	f, err := os.Open("config.json")
//	if err != nil {
//		return err
//	}
//	return decode(f)
func usage() string {
	/* f, err := os.Create(name) */
	return `f, err := os.Open(path)
if err != nil {
	return err
}`
}

func describe() {
	fmt.Println("f, err := os.Open(path)", os.Args[0])
}
