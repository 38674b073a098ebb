BEGIN;

DROP VIEW feature_consistency;
DROP VIEW treatment_evidence_levels;
CREATE VIEW treatment_evidence_levels AS
SELECT t.id AS treatment_id,
       min(f.evidence_level) AS evidence_level
FROM treatments AS t
JOIN findings AS f ON f.treatment_id = t.id
GROUP BY t.id;
DROP VIEW finding_subjects;

ALTER TABLE findings
    DROP CONSTRAINT findings_recommendation_for_treatments,
    DROP CONSTRAINT findings_one_subject,
    ADD CONSTRAINT findings_check2 CHECK (num_nonnulls(
        associated_feature_id, mechanism_id, diagnostic_modality_id, treatment_id) = 1),
    DROP COLUMN recommendation,
    DROP COLUMN presentation_item_id,
    DROP COLUMN prevalence_estimate_id;
DROP TABLE presentation_items;

ALTER TABLE mechanisms
    DROP COLUMN studied_in_ssc;

ALTER TABLE sources
    DROP CONSTRAINT sources_grey_literature,
    DROP CONSTRAINT sources_publication_type_check,
    ADD CONSTRAINT sources_publication_type_check CHECK (publication_type IN (
        'journal_article', 'review', 'systematic_review', 'case_report',
        'conference_abstract', 'book_chapter')),
    DROP COLUMN peer_reviewed;

COMMIT;
