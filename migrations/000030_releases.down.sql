BEGIN;

DROP TABLE release_changes;
DROP TABLE releases;

COMMIT;
