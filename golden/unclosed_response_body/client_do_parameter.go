package doparam

import (
	"encoding/json"
	"net/http"
)

type user struct {
	Name string `json:"name"`
}

// load decodes the body but never closes it.
func load(client *http.Client, req *http.Request) (user, error) {
	var u user
	resp, err := client.Do(req) // want "response body of resp from client.Do is never closed"
	if err != nil {
		return u, err
	}
	err = json.NewDecoder(resp.Body).Decode(&u)
	return u, err
}
