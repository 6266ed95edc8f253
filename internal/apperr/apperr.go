// Package apperr is mfgplan's one error type. Domain code says what went wrong
// with a Code; the HTTP edge maps codes to statuses in one place.
package apperr

import (
	"errors"
	"fmt"
)

// Code classifies an error for callers and for the HTTP edge.
type Code string

const (
	Invalid         Code = "invalid"
	NotFound        Code = "not_found"
	Conflict        Code = "conflict"
	Forbidden       Code = "forbidden"
	Unauthenticated Code = "unauthenticated"
	TooMany         Code = "too_many_requests"
	Internal        Code = "internal"
)

// Error carries a code, a message meant for the user (Chinese where users see
// it) and optional details such as a list of cell problems.
type Error struct {
	Code    Code
	Message string
	Details any
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Message, e.Err)
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error with a code and a formatted message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// WithDetails attaches structured details (shown to API clients as "details").
func (e *Error) WithDetails(d any) *Error {
	e.Details = d
	return e
}

// CodeOf returns the code of the first *Error in err's chain, Internal otherwise.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// As returns the first *Error in err's chain.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
