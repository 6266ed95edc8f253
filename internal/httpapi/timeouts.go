package httpapi

import (
	"net/http"
	"strings"
	"time"
)

// Timeouts bound how long a request's body may take to arrive and its
// answer to leave, per request, so that a client trickling a body or
// reading an answer slowly cannot hold a connection for as long as it
// likes. (A server-wide ReadTimeout would have to suit a 64 MiB upload
// from a county office and so would hold every slow JSON body as long.)
type Timeouts struct {
	// Body is how long a request other than an upload may take to arrive.
	Body time.Duration
	// Upload is how long an upload (multipart, spreadsheet) may take: 64
	// MiB at 1 Mbit/s is under 9 minutes.
	Upload time.Duration
	// Write is how long the whole request may take until its answer is
	// sent, the work included: the longest import allowed must fit.
	Write time.Duration
}

// DefaultTimeouts are the limits unless Deps sets others.
var DefaultTimeouts = Timeouts{Body: 30 * time.Second, Upload: 10 * time.Minute, Write: 20 * time.Minute}

func (t Timeouts) orDefault() Timeouts {
	if t.Body <= 0 {
		t.Body = DefaultTimeouts.Body
	}
	if t.Upload <= 0 {
		t.Upload = DefaultTimeouts.Upload
	}
	if t.Write <= 0 {
		t.Write = DefaultTimeouts.Write
	}
	return t
}

// setDeadlines sets the connection's read and write deadlines for this
// request. A writer that cannot take deadlines (a test recorder, HTTP/2
// streams before Go supports them there) is served without.
func (s *Server) setDeadlines(w http.ResponseWriter, r *http.Request, start time.Time) {
	rc := http.NewResponseController(w)
	read := s.Timeouts.Body
	if s.bodyLimit(r) > s.Auth.Policy.Limits.JSONBodyBytes || strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		read = s.Timeouts.Upload
	}
	_ = rc.SetReadDeadline(start.Add(read))
	_ = rc.SetWriteDeadline(start.Add(s.Timeouts.Write))
}
