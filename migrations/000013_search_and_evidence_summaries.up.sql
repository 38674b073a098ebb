BEGIN;

-- Trigram similarity lets misspellings and spelling variants still find a record.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Synonyms and abbreviations are data: they are searched and returned with each record.
ALTER TABLE associated_features ADD COLUMN synonyms text[] NOT NULL DEFAULT '{}';
ALTER TABLE mechanisms ADD COLUMN synonyms text[] NOT NULL DEFAULT '{}';
ALTER TABLE diagnostic_modalities ADD COLUMN synonyms text[] NOT NULL DEFAULT '{}';
ALTER TABLE treatments ADD COLUMN synonyms text[] NOT NULL DEFAULT '{}';
ALTER TABLE presentation_items ADD COLUMN synonyms text[] NOT NULL DEFAULT '{}';

-- The text of every record that search runs over: its name, its synonyms and its body.
CREATE VIEW search_documents AS
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

-- search_hits ranks the records that match q: full-text search weighted name over synonyms
-- over body (websearch syntax), where any one word may match, plus trigram word similarity of
-- q to the name and synonyms for misspellings. A hit that matches every word ranks higher.
-- Sources count half: nearly every title says "calcinosis", which would otherwise push them
-- above the clinical records that a query names.
CREATE FUNCTION search_hits(q text)
RETURNS TABLE (kind text, slug text, name text, synonyms text[], snippet text, score real)
LANGUAGE sql STABLE
AS $$
    WITH query AS (
        SELECT websearch_to_tsquery('english', q) AS every_word,
               websearch_to_tsquery('english', regexp_replace(q, '\s+', ' or ', 'g')) AS any_word
    ),
    scored AS (
        SELECT d.kind, d.slug, d.name, d.synonyms, d.body,
               setweight(to_tsvector('english', d.name), 'A')
                   || setweight(to_tsvector('english', array_to_string(d.synonyms, ' ')), 'B')
                   || setweight(to_tsvector('english', d.body), 'C') AS document,
               word_similarity(q, d.name || ' ' || array_to_string(d.synonyms, ' ')) AS similarity
        FROM search_documents AS d
    )
    SELECT s.kind, s.slug, s.name, s.synonyms,
           ts_headline('english', s.name || '. ' || s.body, query.any_word,
                       'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=10, MaxFragments=1'),
           ((ts_rank(s.document, query.any_word)
               + ts_rank(s.document, query.every_word)
               + s.similarity)
               * CASE WHEN s.kind = 'source' THEN 0.5 ELSE 1 END)::real
    FROM scored AS s, query
    WHERE s.document @@ query.any_word
       OR s.similarity >= 0.45
$$;

-- What a treatment's evidence adds up to, derived from its findings in this one place. A study
-- is a source other than a narrative or expert review; a source that reports several findings
-- counts once, with its largest number of SSc patients.
DROP VIEW treatment_evidence_levels;
CREATE VIEW treatment_evidence_summaries AS
WITH studies AS (
    SELECT f.treatment_id, f.source_id,
           max(f.n_ssc) AS n_ssc,
           bool_or(f.outcome = 'improved') AS improved,
           bool_or(f.outcome = 'no_effect') AS no_effect,
           bool_or(f.outcome = 'mixed') AS mixed,
           bool_or(f.outcome = 'worsened') AS worsened
    FROM findings AS f
    WHERE f.treatment_id IS NOT NULL
      AND f.design NOT IN ('narrative_review', 'expert_review')
    GROUP BY f.treatment_id, f.source_id
),
-- The design behind the strongest level is that of its newest finding, as evidence is listed.
strongest AS (
    SELECT DISTINCT ON (f.treatment_id) f.treatment_id, f.evidence_level, f.design
    FROM findings AS f
    JOIN sources AS src ON src.id = f.source_id
    WHERE f.treatment_id IS NOT NULL
    ORDER BY f.treatment_id, f.evidence_level, src.year DESC, f.id
)
SELECT t.id AS treatment_id,
       st.evidence_level,
       st.design AS strongest_design,
       count(s.source_id)::integer AS studies,
       coalesce(sum(s.n_ssc), 0)::integer AS ssc_patients,
       count(*) FILTER (WHERE s.improved)::integer AS improved,
       count(*) FILTER (WHERE s.no_effect)::integer AS no_effect,
       count(*) FILTER (WHERE s.mixed)::integer AS mixed,
       count(*) FILTER (WHERE s.worsened)::integer AS worsened,
       EXISTS (SELECT 1 FROM findings AS f WHERE f.treatment_id = t.id AND f.recommendation = 'against')
           AS recommended_against,
       EXISTS (SELECT 1 FROM findings AS f WHERE f.treatment_id = t.id AND f.design = 'rct' AND f.n_ssc IS NOT NULL)
           AS completed_rct_in_ssc
FROM treatments AS t
JOIN strongest AS st ON st.treatment_id = t.id
LEFT JOIN studies AS s ON s.treatment_id = t.id
GROUP BY t.id, st.evidence_level, st.design;

-- Every record that cites each source, through a finding or as a prevalence estimate's source.
CREATE VIEW citations AS
SELECT DISTINCT f.source_id, fs.subject_type, fs.subject_slug, fs.subject_name
FROM findings AS f
JOIN finding_subjects AS fs ON fs.finding_id = f.id
UNION
SELECT p.source_id, 'prevalence_estimate', p.slug, p.cohort
FROM prevalence_estimates AS p;

COMMIT;
