-- Reverts 000028: the findings of its four sources, its mechanism, then the sources.
BEGIN;

DELETE FROM findings
WHERE source_id IN (SELECT id FROM sources WHERE slug IN (
    'johns-hopkins-registry-2023', 'burgess-2021', 'low-magnesium-abcc6-2012', 'nowaczyk-2021'));
DELETE FROM mechanisms WHERE slug = 'primed-extracellular-matrix';
DELETE FROM sources WHERE slug IN (
    'johns-hopkins-registry-2023', 'burgess-2021', 'low-magnesium-abcc6-2012', 'nowaczyk-2021');

COMMIT;
