BEGIN;

-- The API keeps answers per content version and must never mistake an older content for a
-- newer one, so the version only ever grows. Migrating down through 000016 drops the
-- counter and up again recreates it at 1; therefore every bump takes the later of one more
-- than before and the current time in microseconds, so that a counter created anew overtakes
-- any value an earlier one reached within its first bump. Each bump also notifies listening
-- API servers when its transaction commits, so that they need not ask for the version on
-- every request.
CREATE FUNCTION next_content_version() RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    v bigint;
BEGIN
    UPDATE content_version
    SET version = greatest(version + 1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
    RETURNING version INTO v;
    PERFORM pg_notify('content_version', v::text);
    RETURN v;
END
$$;

COMMENT ON FUNCTION next_content_version() IS
    'Moves the content version forward and notifies the channel content_version. The content '
    'triggers call it, and so does the migration code after every run, since DDL (a changed '
    'view, say) can change answers without touching a row.';

CREATE OR REPLACE FUNCTION bump_content_version() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM next_content_version();
    RETURN NULL;
END
$$;

SELECT next_content_version();

COMMIT;
