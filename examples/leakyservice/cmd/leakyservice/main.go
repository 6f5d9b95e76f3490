// Command leakyservice tails log files and ships their lines to an HTTP
// ingest endpoint.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/leakyservice/dispatcher"
	"example.com/leakyservice/monitor"
	"example.com/leakyservice/sink"
	"example.com/leakyservice/tasks"
)

func main() {
	endpoint := flag.String("endpoint", "http://127.0.0.1:9880/ingest", "ingest URL")
	spoolPath := flag.String("spool", "leakyservice.spool", "file for undeliverable batches")
	interval := flag.Duration("interval", 2*time.Second, "file poll interval")
	workers := flag.Int("workers", 4, "number of dispatcher workers")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	spool, err := sink.OpenSpool(*spoolPath)
	if err != nil {
		log.Fatalf("open spool: %v", err)
	}
	s := sink.NewHTTPSink(*endpoint, 5*time.Second, spool)
	s.Start(30 * time.Second)
	defer s.Close()

	d := dispatcher.New(s, 1024, 5)
	d.Start(*workers)
	defer d.Stop()

	mon := monitor.New(*interval, func(path, line string) {
		if !d.Submit(&dispatcher.Entry{Source: path, Message: line, Timestamp: time.Now()}) {
			log.Printf("queue full, dropping line from %s", path)
		}
	})
	mon.Discover(flag.Args())
	go mon.Watch(ctx)

	tm := tasks.NewManager(ctx)
	defer tm.Stop()

	hctx, hcancel := tm.WithTask("startup-health", 5*time.Second)
	if err := s.Healthcheck(hctx); err != nil {
		log.Printf("endpoint not healthy yet: %v", err)
	}
	hcancel()

	tm.Every(tasks.Task{
		Name:     "retry-depth",
		Interval: 10 * time.Second,
		Timeout:  time.Second,
		Fn: func(ctx context.Context) error {
			log.Printf("retry queue depth: %d", d.Pending())
			return nil
		},
	})
	tm.Every(tasks.Task{
		Name:     "endpoint-health",
		Interval: time.Minute,
		Timeout:  5 * time.Second,
		Precheck: func(ctx context.Context) error { return ctx.Err() },
		Fn:       s.Healthcheck,
	})

	<-ctx.Done()
	log.Printf("shutting down")
}
