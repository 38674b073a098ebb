-- Reverts 000012: vascular hypoxia goes back to not studied in SSc; the findings that cite
-- Sampaio-Barros 2019 (including those on the existing acro-osteolysis record) and the features
-- added here (their findings go with them, ON DELETE CASCADE) are removed, then the source.

BEGIN;

UPDATE mechanisms
SET studied_in_ssc = false
WHERE slug = 'vascular-hypoxia';

DELETE FROM findings
WHERE source_id = (SELECT id FROM sources WHERE slug = 'sampaio-barros-2019');

DELETE FROM associated_features
WHERE slug IN (
    'higher-serum-phosphorus',
    'higher-skin-score',
    'higher-serum-25-hydroxyvitamin-d',
    'current-glucocorticoid-use',
    'telangiectasia',
    'older-age',
    'female-sex',
    'cardiac-involvement',
    'pulmonary-hypertension',
    'gastrointestinal-involvement',
    'arthritis',
    'muscle-disease',
    'anti-u1-rnp-antibody',
    'anticardiolipin-antibody'
);

DELETE FROM sources
WHERE slug = 'sampaio-barros-2019';

COMMIT;
