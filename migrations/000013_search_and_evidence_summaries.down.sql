BEGIN;

DROP VIEW citations;
DROP VIEW treatment_evidence_summaries;
CREATE VIEW treatment_evidence_levels AS
SELECT t.id AS treatment_id,
       min(f.evidence_level) AS evidence_level,
       coalesce(bool_or(f.recommendation = 'against'), false) AS recommended_against,
       coalesce(bool_or(f.design = 'rct' AND f.n_ssc IS NOT NULL), false) AS completed_rct_in_ssc
FROM treatments AS t
JOIN findings AS f ON f.treatment_id = t.id
GROUP BY t.id;

DROP FUNCTION search_hits(text);
DROP VIEW search_documents;

ALTER TABLE presentation_items DROP COLUMN synonyms;
ALTER TABLE treatments DROP COLUMN synonyms;
ALTER TABLE diagnostic_modalities DROP COLUMN synonyms;
ALTER TABLE mechanisms DROP COLUMN synonyms;
ALTER TABLE associated_features DROP COLUMN synonyms;

DROP EXTENSION pg_trgm;

COMMIT;
