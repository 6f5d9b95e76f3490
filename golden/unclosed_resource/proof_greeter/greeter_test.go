package greeter

import (
	"testing"

	"go.uber.org/goleak"
)

func TestGreetingStopsItsServer(t *testing.T) {
	defer goleak.VerifyNone(t)
	got, err := Greeting("gopher")
	if err != nil || got != "hello, gopher" {
		t.Fatalf("Greeting = %q, %v", got, err)
	}
}
