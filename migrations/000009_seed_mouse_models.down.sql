-- Removes what 000009 added: the findings that cite its sources (including those on the existing
-- heritable-models record), its four mechanisms (their own findings go with them, ON DELETE
-- CASCADE) and its sources; and empties the arrays it filled on the heritable-models record,
-- which 000005 seeded with none.

BEGIN;

DELETE FROM findings
WHERE mechanism_id = (SELECT id FROM mechanisms WHERE slug = 'heritable-ectopic-mineralization-models')
  AND source_id IN (SELECT id FROM sources WHERE slug IN ('li-2008', 'li-2014-asj', 'shimada-2021'));

UPDATE mechanisms
SET genes = '{}',
    animal_models = '{}'
WHERE slug = 'heritable-ectopic-mineralization-models';

DELETE FROM mechanisms
WHERE slug IN (
    'abcc6-deficiency-models',
    'enpp1-deficiency-models',
    'pyrophosphate-pathway',
    'fetuin-a-deficient-mice'
);

DELETE FROM sources
WHERE slug IN (
    'li-2008',
    'li-2014-asj',
    'kingman-2017',
    'babler-2020',
    'luo-2020',
    'shimada-2021'
);

COMMIT;
