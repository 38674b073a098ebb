-- Reverts 000029: the key trigger, the key column with its constraints, and every key go.
BEGIN;

DROP TRIGGER findings_default_key ON findings;
DROP FUNCTION finding_default_key();
ALTER TABLE findings DROP COLUMN key;

COMMIT;
