package everypath

import (
	"errors"
	"io"
	"net/http"
)

func size(client *http.Client, req *http.Request) (int, error) {
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	switch resp.StatusCode {
	case http.StatusOK:
		data, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		return len(data), err
	case http.StatusNoContent:
		resp.Body.Close()
		return 0, nil
	default:
		resp.Body.Close()
		return 0, errors.New(resp.Status)
	}
}
