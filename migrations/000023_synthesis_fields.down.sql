BEGIN;

ALTER TABLE findings
    DROP CONSTRAINT findings_recommendation_has_basis,
    DROP CONSTRAINT findings_recommendation_check;

DO $$
DECLARE n integer;
BEGIN
    UPDATE findings
    SET recommendation = 'for'
    WHERE recommendation = 'conditional_for' AND recommendation_basis = 'expert_opinion'
      AND source_id = (SELECT id FROM sources WHERE slug = 'valenzuela-2016-management');
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 4 THEN
        RAISE EXCEPTION 'expert review recommendations: expected 4 rows, changed %', n;
    END IF;

    UPDATE findings
    SET recommendation = 'against'
    WHERE recommendation = 'strong_against'
      AND source_id = (SELECT id FROM sources WHERE slug = 'traineau-2020');
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'warfarin recommendation: expected 1 row, changed %', n;
    END IF;
END $$;

ALTER TABLE findings DROP COLUMN recommendation_basis;
ALTER TABLE findings ADD CONSTRAINT findings_recommendation_check CHECK (recommendation IN ('for', 'against'));
COMMENT ON COLUMN findings.recommendation IS 'A recommendation the source makes for or against the treatment, where it makes one.';

ALTER TABLE findings DROP CONSTRAINT findings_check8;
ALTER TABLE findings ADD CONSTRAINT findings_check8 CHECK ((comparator_estimate IS NULL) = (comparison IS NULL));

COMMENT ON COLUMN findings.outcome IS NULL;
ALTER TABLE findings ADD CONSTRAINT findings_check11
    CHECK (treatment_id IS NULL OR outcome IS NOT NULL OR design IN ('expert_review', 'narrative_review'));

ALTER TABLE findings DROP CONSTRAINT findings_primary_has_result;
DROP INDEX findings_one_primary;
ALTER TABLE findings DROP COLUMN is_primary;

COMMIT;
