package lostcancel

import (
	"context"
	"fmt"
	"time"
)

func sendEmail(ctx context.Context, payload []byte) error {
	_ = payload
	return ctx.Err()
}

func sendSMS(ctx context.Context, payload []byte) error {
	_ = payload
	return ctx.Err()
}

// dispatchNotification only releases the context in the email case.
func dispatchNotification(parent context.Context, kind string, payload []byte) error {
	ctx, cancel := context.WithTimeout(parent, 2*time.Second) // want "context leak"
	switch kind {
	case "email":
		defer cancel()
		return sendEmail(ctx, payload)
	case "sms":
		return sendSMS(ctx, payload)
	}
	return fmt.Errorf("unknown notification kind %q", kind)
}
