-- Reverts 000027: the provenance columns go, and with them every value the up file set.
BEGIN;

DROP INDEX sources_verification;
ALTER TABLE sources
    DROP COLUMN verification,
    DROP COLUMN url;

COMMIT;
