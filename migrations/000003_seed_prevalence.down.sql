-- Removes the prevalence estimates seeded by 000003.

BEGIN;

DELETE FROM prevalence_estimates
WHERE slug IN (
    'valenzuela-2015-review-summary',
    'sctc-2016-any-time',
    'baron-2016-study-entry',
    'valenzuela-2020-ten-centres',
    'avouac-2006-hand-radiographs'
);

COMMIT;
