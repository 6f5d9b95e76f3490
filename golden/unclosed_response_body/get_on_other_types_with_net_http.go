package othertypes

import (
	"context"
	"net/http"
	"sync"
)

type item struct {
	Body string
}

type repo struct {
	mu    sync.Mutex
	items map[string]item
}

func (r *repo) Get(_ context.Context, id string) (item, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.items[id], nil
}

// handler imports net/http but its Get calls are on a map-like repo and a header.
func handler(r *repo) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		it, err := r.Get(req.Context(), req.URL.Query().Get("id"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		v := req.Header.Get("Accept")
		w.Header().Set("Vary", v)
		_, _ = w.Write([]byte(it.Body))
	}
}
