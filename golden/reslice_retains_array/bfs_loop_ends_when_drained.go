// Package tree walks a tree breadth-first; the queue dies when the loop drains it.
package tree

type Node struct {
	Value    int
	Children []*Node
}

func Sum(root *Node) int {
	total := 0
	queue := []*Node{root}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		total += n.Value
		queue = append(queue, n.Children...)
	}
	return total
}
