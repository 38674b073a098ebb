-- Reverts 000011: removes the findings citing its sources, its treatments (their findings go
-- with them, ON DELETE CASCADE), Boulman's findings on surgical excision and the carbon dioxide
-- laser, and its sources; restores Boulman's 'mixed' outcomes and clears the recommendations it set
-- (every finding had none before 000011).

BEGIN;

DELETE FROM findings
WHERE source_id IN (SELECT id FROM sources WHERE slug IN ('conde-2021', 'fonseca-2019', 'fernandes-2023'));

DELETE FROM treatments
WHERE slug IN (
    'probenecid',
    'aluminium-hydroxide',
    'salicylate',
    'calcium-channel-blockers',
    'intravenous-edta'
);

DELETE FROM findings
WHERE source_id = (SELECT id FROM sources WHERE slug = 'boulman-2005')
  AND treatment_id IN (SELECT id FROM treatments WHERE slug IN ('surgical-excision', 'co2-laser'));

DELETE FROM sources
WHERE slug IN ('conde-2021', 'fonseca-2019', 'fernandes-2023');

UPDATE findings
SET outcome = 'mixed'
WHERE source_id = (SELECT id FROM sources WHERE slug = 'boulman-2005')
  AND treatment_id IN (SELECT id FROM treatments
                       WHERE slug IN ('diltiazem', 'minocycline', 'warfarin', 'bisphosphonates',
                                      'colchicine'));

UPDATE findings
SET recommendation = NULL
WHERE source_id = (SELECT id FROM sources WHERE slug = 'valenzuela-2016-management')
  AND treatment_id IN (SELECT id FROM treatments
                       WHERE slug IN ('surgical-excision', 'minocycline', 'colchicine',
                                      'intralesional-triamcinolone'));

UPDATE findings
SET recommendation = NULL
WHERE source_id = (SELECT id FROM sources WHERE slug = 'traineau-2020')
  AND treatment_id = (SELECT id FROM treatments WHERE slug = 'warfarin');

COMMIT;
