// Package broker pops messages one at a time from a queue owned by a goroutine.
package broker

type Message struct {
	Topic string
	Body  []byte
}

type Broker struct {
	queue []*Message
	out   chan *Message
}

func NewBroker() *Broker {
	b := &Broker{out: make(chan *Message)}
	go b.pump()
	return b
}

func (b *Broker) pump() {
	for len(b.queue) > 0 {
		m := b.queue[0]
		b.queue = b.queue[1:] // want `b.queue = b.queue\[1:\] keeps the dropped elements .*a goroutine runs its pump method`
		b.out <- m
	}
}
