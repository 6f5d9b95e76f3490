package cases

import (
	"bufio"
	"os"
	"strings"
)

func firstTodos(paths []string) []string {
	var todos []string
files:
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() // want `defer f.Close\(\) inside a loop`
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "TODO") {
				todos = append(todos, p)
				continue files
			}
		}
	}
	return todos
}
