package lostcancel

import (
	"context"
	"net/http"
	"time"
)

// withRequestBudget hands the cancel func to the caller, who owns it.
func withRequestBudget(r *http.Request, budget time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(r.Context(), budget)
	return ctx, cancel
}

func serveSearch(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := withRequestBudget(r, 800*time.Millisecond)
	defer cancel()
	if err := ctx.Err(); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}
