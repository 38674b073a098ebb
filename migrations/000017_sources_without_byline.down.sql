BEGIN;

CREATE OR REPLACE VIEW search_documents AS
SELECT 'associated_feature' AS kind, slug, name, synonyms, description AS body
FROM associated_features
UNION ALL
SELECT 'mechanism', slug, name, synonyms, description
FROM mechanisms
UNION ALL
SELECT 'diagnostic_modality', slug, name, synonyms, concat_ws(' ', shows, strengths, limitations)
FROM diagnostic_modalities
UNION ALL
SELECT 'treatment', slug, name, synonyms, concat_ws('. ', drug_class, rationale)
FROM treatments
UNION ALL
SELECT 'prevalence_estimate', slug, cohort, '{}', concat_ws('. ', definition, statement)
FROM prevalence_estimates
UNION ALL
SELECT 'presentation_item', slug, name, synonyms, description
FROM presentation_items
UNION ALL
SELECT 'source', slug, title, ARRAY[journal], authors
FROM sources;

ALTER TABLE sources ALTER COLUMN authors SET NOT NULL;

COMMIT;
