-- The fields the evidence synthesis reads: which finding is a study's main result for its
-- subject, and recommendations on the GRADE wording with what they rest on.
BEGIN;

-- "primary" is a reserved word in SQL; the API calls the field primary.
ALTER TABLE findings ADD COLUMN is_primary boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN findings.is_primary IS 'The source''s main result for this subject. Exactly one finding per source and subject is primary where the source reports a result; the migration that sets it says which and why.';
-- At most one primary finding per source and subject; the seed integrity test checks that
-- every source reporting a result has one.
CREATE UNIQUE INDEX findings_one_primary ON findings (
    source_id, associated_feature_id, mechanism_id, diagnostic_modality_id, treatment_id,
    prevalence_estimate_id, presentation_item_id) NULLS NOT DISTINCT
    WHERE is_primary;
-- A treatment finding without a result (outcome null) cannot be a study's main result.
ALTER TABLE findings
    ADD CONSTRAINT findings_primary_has_result CHECK (NOT is_primary OR treatment_id IS NULL OR outcome IS NOT NULL);

-- An outcome is stored only where the source reports a result of the treatment in patients;
-- a case report that names a drug without reporting its effect, or a review that only judges
-- it promising, leaves it null. The earlier rule required one from every primary study.
ALTER TABLE findings DROP CONSTRAINT findings_check11;
COMMENT ON COLUMN findings.outcome IS 'The result the source reports of the treatment in patients; null where it reports none (tentative wording such as "may be useful" is not a result).';

-- A comparison group may be named without a number for it (an untreated control finger whose
-- change the source reports in words).
ALTER TABLE findings DROP CONSTRAINT findings_check8;
ALTER TABLE findings ADD CONSTRAINT findings_check8 CHECK (comparator_estimate IS NULL OR comparison IS NOT NULL);

-- Recommendations on the GRADE wording, set only where the source itself recommends.
ALTER TABLE findings DROP CONSTRAINT findings_recommendation_check;
ALTER TABLE findings ADD COLUMN recommendation_basis text
    CHECK (recommendation_basis IN ('guideline', 'consensus', 'systematic_review', 'expert_opinion'));

-- Converting the stored values needs one judgement per source:
-- * Valenzuela 2016 (management review, expert_review): "the authors suggest" / "refer" /
--   "may ease": suggestions of individual experts, so conditional_for on expert_opinion.
--   Four rows: colchicine, intralesional triamcinolone, minocycline, surgical excision.
-- * Traineau 2020 (systematic review): "low-dose warfarin should not be used for calcinosis
--   cutis (level IB evidence)", an unqualified "should not": strong_against on
--   systematic_review. One row.
DO $$
DECLARE n integer;
BEGIN
    UPDATE findings
    SET recommendation = 'conditional_for', recommendation_basis = 'expert_opinion'
    WHERE recommendation = 'for'
      AND source_id = (SELECT id FROM sources WHERE slug = 'valenzuela-2016-management');
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 4 THEN
        RAISE EXCEPTION 'expert review recommendations: expected 4 rows, changed %', n;
    END IF;

    UPDATE findings
    SET recommendation = 'strong_against', recommendation_basis = 'systematic_review'
    WHERE recommendation = 'against'
      AND source_id = (SELECT id FROM sources WHERE slug = 'traineau-2020')
      AND treatment_id = (SELECT id FROM treatments WHERE slug = 'warfarin');
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'warfarin recommendation: expected 1 row, changed %', n;
    END IF;
END $$;

ALTER TABLE findings
    ADD CONSTRAINT findings_recommendation_check CHECK (recommendation IN (
        'strong_for', 'conditional_for', 'conditional_against', 'strong_against')),
    ADD CONSTRAINT findings_recommendation_has_basis CHECK ((recommendation IS NULL) = (recommendation_basis IS NULL));
COMMENT ON COLUMN findings.recommendation IS 'A recommendation the source itself makes, on the GRADE wording (strong or conditional, for or against); null where it makes none.';
COMMENT ON COLUMN findings.recommendation_basis IS 'What the recommendation rests on: a guideline, a consensus, a systematic review, or the authors'' expert opinion.';

COMMIT;
