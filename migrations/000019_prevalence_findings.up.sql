-- Each prevalence estimate becomes a subject with its finding, like every other record: the
-- finding carries the study design as a category and the Oxford CEBM 2011 prevalence level
-- (a local non-random sample 3; a conference abstract or descriptive series 4; the review's
-- summary 5). Its numbers are read from the estimate itself, not typed again.

BEGIN;

INSERT INTO findings (source_id, prevalence_estimate_id, design, population, n_ssc, n_total,
                      measure, estimate, events, denominator, evidence_level, statement)
SELECT pe.source_id, pe.id, v.design, pe.cohort, pe.n, pe.n,
       'proportion', round(pe.percent / 100, 4), pe.cases, CASE WHEN pe.cases IS NOT NULL THEN pe.n END,
       v.level, pe.statement
FROM prevalence_estimates AS pe
JOIN (VALUES ('valenzuela-2015-review-summary', 'narrative_review', 5),
             ('sctc-2016-any-time', 'retrospective_cohort', 3),
             ('baron-2016-study-entry', 'cross_sectional', 3),
             ('valenzuela-2020-ten-centres', 'cross_sectional', 3),
             ('avouac-2006-hand-radiographs', 'cross_sectional', 3),
             ('samoes-2023-radiographs', 'cross_sectional', 3),
             ('samoes-2023-clinical', 'cross_sectional', 3),
             ('rutgers-2017-outpatients', 'cross_sectional', 3),
             ('morardet-2014-hand-radiographs', 'cross_sectional', 4),
             ('bauer-2016-hand-radiographs', 'case_series', 4),
             ('elhai-2012-hand-radiographs', 'cross_sectional', 3))
     AS v (slug, design, level) ON v.slug = pe.slug;

COMMIT;
