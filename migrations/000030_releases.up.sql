-- Every content change after this migration is a data release, written by the content
-- generator as a migration pair: the release itself and its changelog, one row per record
-- added, removed or changed, with each changed field's old and new value. A tool that cached
-- release N asks what changed since N and gets exactly those records.
--
-- This migration records the content as it stands as the baseline release: every record is
-- "added" in it, so that every record has the release it was added in.
BEGIN;

CREATE TABLE releases (
    id        text COLLATE "C" PRIMARY KEY CHECK (id ~ '^[0-9]{4}\.[0-9]{2}\.[0-9]{2}(-[1-9][0-9]*)?$'),
    migration bigint NOT NULL UNIQUE CHECK (migration > 0),
    published date NOT NULL,
    summary   text NOT NULL CHECK (summary <> '')
);
COMMENT ON TABLE releases IS 'Data releases, in the order of the migrations that made them.';
COMMENT ON COLUMN releases.id IS 'YYYY.MM.DD of the release, with -2, -3, ... for a second or later release on one day.';
COMMENT ON COLUMN releases.migration IS 'The schema_migrations version of the migration that made the release.';

CREATE TABLE release_changes (
    release_id text COLLATE "C" NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN (
        'sources', 'associated-features', 'mechanisms', 'diagnostic-modalities', 'treatments',
        'prevalence', 'clinical-presentation', 'findings')),
    key        text COLLATE "C" NOT NULL CHECK (key <> ''),
    change     text NOT NULL CHECK (change IN ('added', 'removed', 'changed')),
    -- For a change, one {"field", "old", "new"} object per changed field, in column order;
    -- values are as the content files and the database hold them (text, a list, or null).
    fields     jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(fields) = 'array'),
    -- The database id a removed record had, so that undoing the release gives it back the
    -- same id whatever the ids of that database are.
    record_id  bigint,
    PRIMARY KEY (release_id, kind, key),
    CHECK ((change = 'changed') = (fields <> '[]')),
    CHECK ((change = 'removed') = (record_id IS NOT NULL))
);
CREATE INDEX release_changes_record ON release_changes (kind, key);
COMMENT ON TABLE release_changes IS 'The changelog of each release: one row per record it added, removed or changed.';

CREATE TRIGGER releases_bump_content_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON releases
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER release_changes_bump_content_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON release_changes
    FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();

INSERT INTO releases (id, migration, published, summary)
VALUES ('2026.12.01', 30, '2026-12-01',
        'Baseline: the content as the hand-written migrations 000002 to 000029 left it.');

INSERT INTO release_changes (release_id, kind, key, change)
SELECT '2026.12.01', kind, key, 'added'
FROM (
    SELECT 'sources' AS kind, slug::text AS key FROM sources
    UNION ALL SELECT 'associated-features', slug FROM associated_features
    UNION ALL SELECT 'mechanisms', slug FROM mechanisms
    UNION ALL SELECT 'diagnostic-modalities', slug FROM diagnostic_modalities
    UNION ALL SELECT 'treatments', slug FROM treatments
    UNION ALL SELECT 'prevalence', slug FROM prevalence_estimates
    UNION ALL SELECT 'clinical-presentation', slug FROM presentation_items
    UNION ALL SELECT 'findings', key FROM findings
) AS records;

COMMIT;
