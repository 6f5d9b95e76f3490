package lostcancel

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

type profile struct {
	Name string `json:"name"`
}

// fetchProfile: this file uses CRLF line endings; the inserted line must
// use them too. The status check returns before cancel.
func fetchProfile(parent context.Context, url string) (*profile, error) {
	ctx, cancel := context.WithTimeout(parent, 4*time.Second) // want "context leak"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var p profile
	err = json.NewDecoder(resp.Body).Decode(&p)
	cancel()
	return &p, err
}
