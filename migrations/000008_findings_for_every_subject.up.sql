BEGIN;

-- Grey literature (conference abstracts, press reports) is kept only when flagged.
ALTER TABLE sources
    ADD COLUMN peer_reviewed boolean NOT NULL DEFAULT true;
COMMENT ON COLUMN sources.peer_reviewed IS 'false for grey literature: conference abstracts and press reports.';
ALTER TABLE sources
    DROP CONSTRAINT sources_publication_type_check,
    ADD CONSTRAINT sources_publication_type_check CHECK (publication_type IN (
        'journal_article', 'review', 'systematic_review', 'case_report',
        'conference_abstract', 'book_chapter', 'press_report')),
    ADD CONSTRAINT sources_grey_literature CHECK (
        peer_reviewed OR publication_type IN ('conference_abstract', 'press_report'));

ALTER TABLE mechanisms
    ADD COLUMN studied_in_ssc boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN mechanisms.studied_in_ssc IS 'Whether any cited study looked at the mechanism in patients with SSc; the mouse models were not.';

-- Clinical presentation: where deposits form and what they cause.
CREATE TABLE presentation_items (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        slug NOT NULL UNIQUE,
    name        text COLLATE "C" NOT NULL UNIQUE,
    kind        text NOT NULL CHECK (kind IN ('site', 'complication')),
    description text NOT NULL CHECK (description <> '')
);

ALTER TABLE findings
    ADD COLUMN prevalence_estimate_id bigint REFERENCES prevalence_estimates (id) ON DELETE CASCADE,
    ADD COLUMN presentation_item_id bigint REFERENCES presentation_items (id) ON DELETE CASCADE,
    ADD COLUMN recommendation text CHECK (recommendation IN ('for', 'against')),
    DROP CONSTRAINT findings_check2,
    ADD CONSTRAINT findings_one_subject CHECK (num_nonnulls(
        associated_feature_id, mechanism_id, diagnostic_modality_id, treatment_id,
        prevalence_estimate_id, presentation_item_id) = 1),
    ADD CONSTRAINT findings_recommendation_for_treatments CHECK (recommendation IS NULL OR treatment_id IS NOT NULL);
COMMENT ON COLUMN findings.recommendation IS 'A recommendation the source makes for or against the treatment, where it makes one.';
CREATE INDEX findings_prevalence_estimate ON findings (prevalence_estimate_id) WHERE prevalence_estimate_id IS NOT NULL;
CREATE INDEX findings_presentation_item ON findings (presentation_item_id) WHERE presentation_item_id IS NOT NULL;

-- The subject of each finding, as one kind, slug and name.
CREATE VIEW finding_subjects AS
SELECT f.id AS finding_id,
       CASE
           WHEN f.associated_feature_id IS NOT NULL THEN 'associated_feature'
           WHEN f.mechanism_id IS NOT NULL THEN 'mechanism'
           WHEN f.diagnostic_modality_id IS NOT NULL THEN 'diagnostic_modality'
           WHEN f.treatment_id IS NOT NULL THEN 'treatment'
           WHEN f.prevalence_estimate_id IS NOT NULL THEN 'prevalence_estimate'
           ELSE 'presentation_item'
       END AS subject_type,
       coalesce(af.slug, m.slug, dm.slug, t.slug, pe.slug, pi.slug) AS subject_slug,
       coalesce(af.name, m.name, dm.name, t.name, pe.cohort, pi.name) AS subject_name
FROM findings AS f
LEFT JOIN associated_features AS af ON af.id = f.associated_feature_id
LEFT JOIN mechanisms AS m ON m.id = f.mechanism_id
LEFT JOIN diagnostic_modalities AS dm ON dm.id = f.diagnostic_modality_id
LEFT JOIN treatments AS t ON t.id = f.treatment_id
LEFT JOIN prevalence_estimates AS pe ON pe.id = f.prevalence_estimate_id
LEFT JOIN presentation_items AS pi ON pi.id = f.presentation_item_id;

-- What a treatment's findings add up to: derived here, never stored.
CREATE OR REPLACE VIEW treatment_evidence_levels AS
SELECT t.id AS treatment_id,
       min(f.evidence_level) AS evidence_level,
       coalesce(bool_or(f.recommendation = 'against'), false) AS recommended_against,
       coalesce(bool_or(f.design = 'rct' AND f.n_ssc IS NOT NULL), false) AS completed_rct_in_ssc
FROM treatments AS t
JOIN findings AS f ON f.treatment_id = t.id
GROUP BY t.id;

-- Whether the primary studies of a feature agree on the direction of its association.
-- Narrative and expert reviews restate studies, so they do not count as studies here.
CREATE VIEW feature_consistency AS
SELECT af.id AS associated_feature_id,
       CASE
           WHEN count(DISTINCT f.source_id) FILTER (WHERE f.design NOT IN ('narrative_review', 'expert_review')) <= 1
               THEN 'single_study'
           WHEN count(DISTINCT f.direction) FILTER (WHERE f.design NOT IN ('narrative_review', 'expert_review')) > 1
               THEN 'discordant'
           ELSE 'consistent'
       END AS consistency
FROM associated_features AS af
LEFT JOIN findings AS f ON f.associated_feature_id = af.id
GROUP BY af.id;

COMMIT;
