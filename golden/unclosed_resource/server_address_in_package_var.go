package fake

import (
	"log"
	"net/http/httptest"
)

var httpServerAddr string

// startHTTPServer starts the shared test server once; tests dial httpServerAddr.
func startHTTPServer() {
	server := httptest.NewServer(nil)
	httpServerAddr = server.Listener.Addr().String()
	log.Println("test HTTP server listening on", httpServerAddr)
}
