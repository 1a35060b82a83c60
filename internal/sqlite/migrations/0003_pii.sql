-- Customer details at rest (see internal/pii and SECURITY.md).
--
-- orders.customer_name, orders.phone, orders.notes, sms_outbox.to_number and
-- sms_outbox.body keep their columns, but hold sealed values from now on:
-- "k<key id>:" and the base64 of an AES-256-GCM nonce, ciphertext and tag,
-- bound to table, column and row id. Retention replaces them with ''.
-- Rows written before this migration are sealed by the program at start-up
-- (sealLegacy in pii_legacy.go): that needs the keys, which SQL has not.

-- phone_bidx is the blind index "i<key id>:" + base64 HMAC-SHA256 of the
-- E.164 number, for finding a caller's orders; NULL once erased.
ALTER TABLE orders ADD COLUMN phone_bidx TEXT;
-- When retention erased the order's name, phone and notes; NULL before.
ALTER TABLE orders ADD COLUMN pii_erased_at TEXT;

-- The old indexes hold copies of the plaintext numbers; secure_delete
-- zeroes their pages as they are dropped.
DROP INDEX orders_by_phone;
DROP INDEX sms_outbox_by_number;

CREATE INDEX orders_by_phone_bidx ON orders (phone_bidx, id);
-- Retention finds old orders and texts by age; the hourly SMS cap reads the
-- last hour's texts and compares their decrypted numbers.
CREATE INDEX orders_by_created ON orders (created_at);
CREATE INDEX sms_outbox_by_created ON sms_outbox (created_at);

-- One check value per key id ever used: a value sealed (encryption) or
-- MACed (index) under that key from a constant text. At start-up each
-- configured key must reproduce it, so a wrong key is refused before it
-- writes anything, and an id that data still needs cannot go missing
-- unnoticed. The values say nothing about customers.
CREATE TABLE pii_key_checks (
    kind        TEXT    NOT NULL CHECK (kind IN ('encryption', 'index')),
    key_id      INTEGER NOT NULL CHECK (key_id >= 1),
    check_value TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (kind, key_id)
) STRICT;
