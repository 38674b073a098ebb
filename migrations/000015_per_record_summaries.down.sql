BEGIN;

-- Back to the aggregate-first definitions of migrations 000008 and 000013.

DROP VIEW feature_consistency;
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

DROP VIEW treatment_evidence_summaries;
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

COMMIT;
