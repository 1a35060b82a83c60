-- Order lifecycle for the kitchen board: when an order's status last
-- changed, an index for the board's per-day status lists, and a new outbox
-- kind for the "your order is ready" text.

-- Every order so far last changed status when it was placed. Orders
-- inserted later start with '' until their first change; readers take ''
-- to mean created_at (see status.go), so the order insert need not change.
ALTER TABLE orders ADD COLUMN status_changed_at TEXT NOT NULL DEFAULT '';
UPDATE orders SET status_changed_at = created_at;

CREATE INDEX orders_by_day_status ON orders (shop_day, status, id);

-- SQLite cannot change a CHECK constraint in place, so sms_outbox is
-- rebuilt with 'order_ready' allowed: create the new table, copy every row
-- with its id, drop the old one, rename, and make the indexes again. No
-- table refers to sms_outbox, so dropping it breaks no foreign key, and its
-- own reference to orders is declared again unchanged. The migration runs
-- in one transaction: a failure leaves the old table as it was.
CREATE TABLE sms_outbox_new (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER REFERENCES orders (id),
    kind            TEXT    NOT NULL CHECK (kind IN
                        ('order_customer', 'order_shop', 'receipt', 'menu_link',
                         'order_ready')),
    to_number       TEXT    NOT NULL,         -- E.164
    body            TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN
                        ('pending', 'sending', 'sent', 'failed', 'skipped', 'unknown')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,         -- due time, or lease end while sending
    last_error      TEXT    NOT NULL DEFAULT '', -- an error code or reason, never text
    twilio_sid      TEXT    NOT NULL DEFAULT '',
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
) STRICT;

INSERT INTO sms_outbox_new (id, order_id, kind, to_number, body, status, attempts,
    next_attempt_at, last_error, twilio_sid, created_at, updated_at)
SELECT id, order_id, kind, to_number, body, status, attempts,
    next_attempt_at, last_error, twilio_sid, created_at, updated_at
FROM sms_outbox;

DROP TABLE sms_outbox;
ALTER TABLE sms_outbox_new RENAME TO sms_outbox;

CREATE INDEX sms_outbox_due ON sms_outbox (status, next_attempt_at);
CREATE INDEX sms_outbox_by_number ON sms_outbox (to_number, created_at);
CREATE INDEX sms_outbox_by_order ON sms_outbox (order_id);
-- An order's confirmations are written once, with the order, and its
-- ready text once, when it first becomes ready.
CREATE UNIQUE INDEX sms_outbox_one_confirmation ON sms_outbox (order_id, kind)
    WHERE kind IN ('order_customer', 'order_shop', 'order_ready');
