package kitchen

import (
	"fmt"

	"github.com/kebabalab/kebabalab/internal/sms"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// readyText renders the customer's "order ready" text: plain GSM-7, one
// segment, no name or items, since the confirmation already had them.
func readyText(shopName string) func(sqlite.Order) string {
	shop := sms.Sanitize(shopName)
	return func(o sqlite.Order) string {
		return fmt.Sprintf("Your order %s is ready for pickup at %s.", o.DisplayNumber(), shop)
	}
}
