// Package sink delivers batches of log entries to an HTTP endpoint.
package sink

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"time"

	"example.com/leakyservice/dispatcher"
)

// HTTPSink posts JSON batches to an ingest URL.
type HTTPSink struct {
	url       string
	healthURL string
	timeout   time.Duration
	client    *http.Client
	spool     *Spool

	ticker *time.Ticker
	done   chan struct{}
}

// NewHTTPSink returns a sink for url. Failed batches are written to spool
// when it is non-nil.
func NewHTTPSink(url string, timeout time.Duration, spool *Spool) *HTTPSink {
	return &HTTPSink{
		url:       url,
		healthURL: url + "/health",
		timeout:   timeout,
		client:    &http.Client{},
		spool:     spool,
		done:      make(chan struct{}),
	}
}

// Start checks the endpoint's health every interval until Close is called.
func (s *HTTPSink) Start(interval time.Duration) {
	s.ticker = time.NewTicker(interval)
	go func() {
		for {
			select {
			case <-s.done:
				return
			case <-s.ticker.C:
				ctx, cancel := context.WithTimeout(context.Background(), s.timeout)
				if err := s.Healthcheck(ctx); err != nil {
					log.Printf("sink: health check failed: %v", err)
				}
				cancel()
			}
		}
	}()
}

// Send posts a batch, spooling it locally if delivery fails.
func (s *HTTPSink) Send(parent context.Context, batch []*dispatcher.Entry) error {
	ctx, cancel := context.WithTimeout(parent, s.timeout)
	body, err := json.Marshal(batch)
	if err != nil {
		cancel()
		return fmt.Errorf("sink: encode batch: %w", err)
	}
	if err := s.post(ctx, body); err != nil {
		if s.spool != nil {
			if serr := s.spool.Write(body); serr != nil {
				log.Printf("sink: spool write failed: %v", serr)
			}
		}
		return err
	}
	return nil
}

// post sends one encoded batch and checks the response status.
func (s *HTTPSink) post(ctx context.Context, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")

	resp, err := s.client.Do(req)
	if err != nil {
		return fmt.Errorf("sink: post batch: %w", err)
	}
	if resp.StatusCode >= 300 {
		return fmt.Errorf("sink: endpoint returned %s", resp.Status)
	}
	return nil
}

// Healthcheck reports whether the endpoint answers its health URL with 200.
func (s *HTTPSink) Healthcheck(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.healthURL, nil)
	if err != nil {
		return err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()

	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("sink: health check returned %s", resp.Status)
	}
	return nil
}

// Close stops the health checks and closes the spool.
func (s *HTTPSink) Close() error {
	if s.ticker != nil {
		s.ticker.Stop()
	}
	close(s.done)
	if s.spool != nil {
		return s.spool.Close()
	}
	return nil
}
