-- Removes the diagnostic modalities seeded by 000006; their findings go with them (ON DELETE CASCADE).

BEGIN;

DELETE FROM diagnostic_modalities
WHERE slug IN (
    'clinical-examination',
    'plain-radiography',
    'ultrasonography',
    'multidetector-ct',
    'dual-energy-ct'
);

COMMIT;
