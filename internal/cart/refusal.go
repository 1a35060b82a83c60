package cart

import "fmt"

// Refusal is a request the caller can fix: Message says what to ask or do.
type Refusal struct {
	Message string
}

func (r *Refusal) Error() string { return "cart: " + r.Message }

// CallerMessage is the sentence the assistant can read out.
func (r *Refusal) CallerMessage() string { return r.Message }

func refuse(format string, args ...any) *Refusal {
	return &Refusal{Message: fmt.Sprintf(format, args...)}
}
