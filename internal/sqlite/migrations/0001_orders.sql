-- Orders, their lines, the per-day order number counter and the SMS outbox.
-- Times are UTC text, 'YYYY-MM-DDTHH:MM:SS.sssZ': fixed width, so text
-- comparison orders them, and readable from the sqlite3 shell.

-- One row per shop day; last_seq is the last order number handed out that
-- day. Numbers come from here inside the order's transaction, never from
-- counting orders, so a rolled-back order returns its number and deleted
-- rows can never cause a repeat.
CREATE TABLE order_counters (
    shop_day TEXT    PRIMARY KEY,            -- YYYYMMDD, shop time
    last_seq INTEGER NOT NULL CHECK (last_seq >= 1)
) STRICT;

CREATE TABLE orders (
    id               INTEGER PRIMARY KEY,
    order_number     TEXT    NOT NULL UNIQUE, -- YYYYMMDD-NNN
    shop_day         TEXT    NOT NULL,
    day_seq          INTEGER NOT NULL CHECK (day_seq >= 1),
    call_id          TEXT    NOT NULL CHECK (call_id <> ''),
    tool_call_id     TEXT    NOT NULL UNIQUE CHECK (tool_call_id <> ''),
    cart_fingerprint TEXT    NOT NULL,
    customer_name    TEXT    NOT NULL,
    phone            TEXT    NOT NULL,        -- E.164
    notes            TEXT    NOT NULL,
    total_cents      INTEGER NOT NULL CHECK (total_cents >= 0),
    gst_cents        INTEGER NOT NULL CHECK (gst_cents BETWEEN 0 AND total_cents),
    ready_at         TEXT    NOT NULL,
    status           TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN
                         ('pending', 'preparing', 'ready', 'collected', 'cancelled')),
    created_at       TEXT    NOT NULL,
    UNIQUE (shop_day, day_seq)
) STRICT;

CREATE INDEX orders_by_phone ON orders (phone, id);
CREATE INDEX orders_by_call ON orders (call_id, id);

-- detail is the cart package's own encoding of the line, kept verbatim so a
-- repeat order can rebuild it; the other columns are what people read.
CREATE TABLE order_lines (
    order_id         INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no          INTEGER NOT NULL CHECK (line_no >= 1),
    item_name        TEXT    NOT NULL,
    options          TEXT    NOT NULL,
    quantity         INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    line_total_cents INTEGER NOT NULL CHECK (line_total_cents >= 0),
    detail           TEXT    NOT NULL,
    PRIMARY KEY (order_id, line_no)
) STRICT;

-- 'unknown' is reserved for sends whose outcome could not be known and that
-- are reconciled with Twilio before any resend; nothing writes it yet.
CREATE TABLE sms_outbox (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER REFERENCES orders (id),
    kind            TEXT    NOT NULL CHECK (kind IN
                        ('order_customer', 'order_shop', 'receipt', 'menu_link')),
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

CREATE INDEX sms_outbox_due ON sms_outbox (status, next_attempt_at);
CREATE INDEX sms_outbox_by_number ON sms_outbox (to_number, created_at);
CREATE INDEX sms_outbox_by_order ON sms_outbox (order_id);
-- An order's confirmations are written once, with the order.
CREATE UNIQUE INDEX sms_outbox_one_confirmation ON sms_outbox (order_id, kind)
    WHERE kind IN ('order_customer', 'order_shop');
