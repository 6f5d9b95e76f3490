package cases

import (
	"bufio"
	"os"
)

func lineCounts(paths []string) ([]int, error) {
	var counts []int
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close() // want `defer f.Close\(\) inside a loop`
		n := 0
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			n++
		}
		counts = append(counts, n)
	}
	return counts, nil
}
