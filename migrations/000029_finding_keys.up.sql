-- Every finding gets a natural key, <source slug>/<subject slug>/<name>, that files,
-- changelogs and URLs can use: ids are public too but depend on insertion order, so two
-- databases built differently could number the same finding differently.
--
-- The name says what the finding reports: its measure (adjusted-or, or, adjusted-hr, hr,
-- proportion, sensitivity, ...), else outcome, recommendation or statement. Where one source
-- reports several findings of one kind about one subject, the second and later (in id order)
-- get -2, -3, ... A key is never changed or reused once published.
BEGIN;

ALTER TABLE findings ADD COLUMN key text COLLATE "C";
COMMENT ON COLUMN findings.key IS 'Natural key: source slug / subject slug / name. Unique, never changed or reused.';

DO $$
DECLARE n integer;
BEGIN
    WITH named AS (
        SELECT f.id,
               s.slug AS source,
               coalesce(af.slug, m.slug, dm.slug, t.slug, pe.slug, pi.slug) AS subject,
               CASE
                   WHEN f.measure IN ('odds_ratio', 'hazard_ratio') THEN
                       CASE WHEN f.adjusted THEN 'adjusted-' ELSE '' END
                       || CASE f.measure WHEN 'odds_ratio' THEN 'or' ELSE 'hr' END
                   WHEN f.measure = 'frequency_comparison' THEN 'frequency'
                   WHEN f.measure IS NOT NULL THEN replace(f.measure, '_', '-')
                   WHEN f.outcome IS NOT NULL THEN 'outcome'
                   WHEN f.recommendation IS NOT NULL THEN 'recommendation'
                   ELSE 'statement'
               END AS name
        FROM findings AS f
        JOIN sources AS s ON s.id = f.source_id
        LEFT JOIN associated_features AS af ON af.id = f.associated_feature_id
        LEFT JOIN mechanisms AS m ON m.id = f.mechanism_id
        LEFT JOIN diagnostic_modalities AS dm ON dm.id = f.diagnostic_modality_id
        LEFT JOIN treatments AS t ON t.id = f.treatment_id
        LEFT JOIN prevalence_estimates AS pe ON pe.id = f.prevalence_estimate_id
        LEFT JOIN presentation_items AS pi ON pi.id = f.presentation_item_id
    ), numbered AS (
        SELECT id, source, subject, name,
               row_number() OVER (PARTITION BY source, subject, name ORDER BY id) AS nth
        FROM named
    )
    UPDATE findings AS f
    SET key = nb.source || '/' || nb.subject || '/' || nb.name
              || CASE WHEN nb.nth > 1 THEN '-' || nb.nth ELSE '' END
    FROM numbered AS nb
    WHERE f.id = nb.id;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> (SELECT count(*) FROM findings) THEN
        RAISE EXCEPTION 'finding keys: expected every finding, set %', n;
    END IF;
END $$;

-- A finding inserted without a key gets one by the same rule, the next free -n where its
-- kind is taken, so that a migration written before keys existed still inserts.
CREATE FUNCTION finding_default_key() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    base      text;
    candidate text;
    nth       integer := 1;
BEGIN
    base := (SELECT slug FROM sources WHERE id = NEW.source_id) || '/'
        || coalesce((SELECT slug FROM associated_features WHERE id = NEW.associated_feature_id),
                    (SELECT slug FROM mechanisms WHERE id = NEW.mechanism_id),
                    (SELECT slug FROM diagnostic_modalities WHERE id = NEW.diagnostic_modality_id),
                    (SELECT slug FROM treatments WHERE id = NEW.treatment_id),
                    (SELECT slug FROM prevalence_estimates WHERE id = NEW.prevalence_estimate_id),
                    (SELECT slug FROM presentation_items WHERE id = NEW.presentation_item_id)) || '/'
        || CASE
               WHEN NEW.measure IN ('odds_ratio', 'hazard_ratio') THEN
                   CASE WHEN NEW.adjusted THEN 'adjusted-' ELSE '' END
                   || CASE NEW.measure WHEN 'odds_ratio' THEN 'or' ELSE 'hr' END
               WHEN NEW.measure = 'frequency_comparison' THEN 'frequency'
               WHEN NEW.measure IS NOT NULL THEN replace(NEW.measure, '_', '-')
               WHEN NEW.outcome IS NOT NULL THEN 'outcome'
               WHEN NEW.recommendation IS NOT NULL THEN 'recommendation'
               ELSE 'statement'
           END;
    candidate := base;
    WHILE EXISTS (SELECT 1 FROM findings WHERE key = candidate) LOOP
        nth := nth + 1;
        candidate := base || '-' || nth;
    END LOOP;
    NEW.key := candidate;
    RETURN NEW;
END
$$;
CREATE TRIGGER findings_default_key BEFORE INSERT ON findings
    FOR EACH ROW WHEN (NEW.key IS NULL) EXECUTE FUNCTION finding_default_key();

ALTER TABLE findings
    ALTER COLUMN key SET NOT NULL,
    ADD CONSTRAINT findings_key_key UNIQUE (key),
    ADD CONSTRAINT findings_key_check
        CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$');

COMMIT;
