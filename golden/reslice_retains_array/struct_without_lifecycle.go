// Package parse consumes tokens from a short-lived parser: nothing marks it long-lived.
package parse

type Token struct {
	Kind string
	Text string
}

type Parser struct {
	toks []*Token
}

func (p *Parser) next() *Token {
	t := p.toks[0]
	p.toks = p.toks[1:]
	return t
}

func (p *Parser) skip(n int) {
	p.toks = p.toks[n:]
}
