-- A blind index of each text's destination number, so the three-texts-per-
-- hour cap (outbox.go) counts a number's recent texts with one index look-up
-- instead of decrypting every text of the last hour.
--
-- to_bidx is "i<key id>:" + base64 HMAC-SHA256 of the E.164 number under
-- PII_INDEX_KEY, as orders.phone_bidx, written with the sealed number in the
-- same transaction; NULL once retention erased the number. Texts written
-- before this migration have none: the cap decrypts those of them still in
-- the last hour, and `kebabalab rekey` indexes them.
ALTER TABLE sms_outbox ADD COLUMN to_bidx TEXT;

CREATE INDEX sms_outbox_by_to_bidx ON sms_outbox (to_bidx, created_at);
