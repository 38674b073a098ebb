BEGIN;

DROP VIEW treatment_evidence_summaries;
CREATE VIEW treatment_evidence_summaries AS
SELECT t.id AS treatment_id,
       st.evidence_level,
       st.design AS strongest_design,
       sm.studies,
       sm.ssc_patients,
       sm.improved,
       sm.no_effect,
       sm.mixed,
       sm.worsened,
       EXISTS (SELECT 1 FROM findings AS f WHERE f.treatment_id = t.id AND f.recommendation = 'against')
           AS recommended_against,
       EXISTS (SELECT 1 FROM findings AS f WHERE f.treatment_id = t.id AND f.design = 'rct' AND f.n_ssc IS NOT NULL)
           AS completed_rct_in_ssc
FROM treatments AS t
-- The design behind the strongest level is that of its newest finding, as evidence is listed;
-- a treatment without findings has no summary.
CROSS JOIN LATERAL (
    SELECT f.evidence_level, f.design
    FROM findings AS f
    JOIN sources AS src ON src.id = f.source_id
    WHERE f.treatment_id = t.id
    ORDER BY f.evidence_level, src.year DESC, f.id
    LIMIT 1
) AS st
-- A study is a source other than a narrative or expert review; a source that reports several
-- findings counts once, with its largest number of SSc patients.
CROSS JOIN LATERAL (
    SELECT count(*)::integer AS studies,
           coalesce(sum(s.n_ssc), 0)::integer AS ssc_patients,
           count(*) FILTER (WHERE s.improved)::integer AS improved,
           count(*) FILTER (WHERE s.no_effect)::integer AS no_effect,
           count(*) FILTER (WHERE s.mixed)::integer AS mixed,
           count(*) FILTER (WHERE s.worsened)::integer AS worsened
    FROM (
        SELECT f.source_id,
               max(f.n_ssc) AS n_ssc,
               bool_or(f.outcome = 'improved') AS improved,
               bool_or(f.outcome = 'no_effect') AS no_effect,
               bool_or(f.outcome = 'mixed') AS mixed,
               bool_or(f.outcome = 'worsened') AS worsened
        FROM findings AS f
        WHERE f.treatment_id = t.id
          AND f.design NOT IN ('narrative_review', 'expert_review')
        GROUP BY f.source_id
    ) AS s
) AS sm;

COMMIT;
