BEGIN;

-- Stored PubMed records often show a title, journal line, identifiers and abstract without a
-- byline. Such a source may still go in, traced by its PMID or DOI; its authors stay empty
-- rather than being copied from a secondary page.
ALTER TABLE sources ALTER COLUMN authors DROP NOT NULL;

-- A source without a byline must still be found by its title.
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
SELECT 'source', slug, title, ARRAY[journal], coalesce(authors, '')
FROM sources;

COMMIT;
