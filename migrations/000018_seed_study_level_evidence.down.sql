-- Reverts 000018: the findings it added to sources that were already seeded, the records it
-- added (their findings go with them, ON DELETE CASCADE), then its sources with their findings.

BEGIN;

DELETE FROM findings
WHERE (source_id = (SELECT id FROM sources WHERE slug = 'blumhardt-2016') AND outcome = 'improved')
   OR (source_id = (SELECT id FROM sources WHERE slug = 'narvaez-2019') AND events = 2 AND denominator = 8);

DELETE FROM prevalence_estimates
WHERE slug IN ('samoes-2023-radiographs', 'samoes-2023-clinical', 'rutgers-2017-outpatients',
               'morardet-2014-hand-radiographs', 'bauer-2016-hand-radiographs',
               'elhai-2012-hand-radiographs');

DELETE FROM diagnostic_modalities WHERE slug IN ('sodium-fluoride-pet-ct', 'morphological-classification');
DELETE FROM mechanisms WHERE slug = 'bone-matrix-protein-dysregulation';
DELETE FROM associated_features WHERE slug = 'limited-cutaneous-subset';
DELETE FROM treatments
WHERE slug IN ('intravenous-immunoglobulin', 'd-penicillamine', 'azathioprine-with-prednisone');

DELETE FROM findings
WHERE source_id IN (SELECT id FROM sources WHERE slug IN (
    'samoes-2023', 'rutgers-cohort-2017', 'morardet-2014', 'bauer-2016', 'hsu-2014',
    'carranza-muleiro-2017', 'richardson-2020', 'calcinosis-subsets-2016', 'hand-debulking-2021',
    'intralesional-thiosulfate-2021', 'ivig-2008', 'bisphosphonates-2021', 'radical-debridement-2016',
    'inguinal-resection-2019', 'lofaro-2024', 'fawzy-2016', 'rituximab-2012'));

DELETE FROM sources
WHERE slug IN (
    'samoes-2023', 'rutgers-cohort-2017', 'morardet-2014', 'bauer-2016', 'hsu-2014',
    'carranza-muleiro-2017', 'richardson-2020', 'calcinosis-subsets-2016', 'hand-debulking-2021',
    'intralesional-thiosulfate-2021', 'ivig-2008', 'bisphosphonates-2021', 'radical-debridement-2016',
    'inguinal-resection-2019', 'lofaro-2024', 'fawzy-2016', 'rituximab-2012');

COMMIT;
