package lostcancel

import (
	"context"
	"log"
	"net/http"
	"time"
)

// checkReady aborts the program with log.Fatalf when the service is down.
func checkReady(url string) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		log.Fatalf("bad readiness url: %v", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	cancel()
}
