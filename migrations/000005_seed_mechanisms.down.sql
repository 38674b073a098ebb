-- Removes the mechanisms seeded by 000005; their findings and any treatment links go with them
-- (ON DELETE CASCADE).

BEGIN;

DELETE FROM mechanisms
WHERE slug IN (
    'local-trauma',
    'chronic-inflammation',
    'vascular-hypoxia',
    'heritable-ectopic-mineralization-models'
);

COMMIT;
