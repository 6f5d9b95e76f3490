package cases

import (
	"fmt"
	"os"
)

const header = "v1"

func writeReports(names []string) {
	for i, name := range names { // one report per name
		// Create truncates an existing report.
		f, err := os.Create(name)
		if err != nil {
			continue
		}
		defer f.Close() // want `defer f.Close\(\) inside a loop`

		/* The template is a raw string:
		   its lines must not be re-indented. */
		fmt.Fprintf(f, `%s
report %d
	for %s
`, header, i, name)
	}
}
