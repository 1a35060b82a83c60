package metrics

import "github.com/prometheus/client_golang/prometheus"

// Tables whose rows retention erases, the values of the table label.
const (
	ErasedOrders = "orders"
	ErasedTexts  = "sms_outbox"
)

// RegisterPIIErased registers and returns the counter of rows whose
// customer details the retention job erased, by table. Call it once per
// Metrics; both labels start at 0, so the series exist before the first
// erasure.
func (m *Metrics) RegisterPIIErased() *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "kebabalab_pii_erased_rows_total",
		Help: "Rows whose customer name, phone, notes or text were erased by retention, " +
			"by table.",
	}, []string{"table"})
	m.reg.MustRegister(c)
	c.WithLabelValues(ErasedOrders)
	c.WithLabelValues(ErasedTexts)
	return c
}
