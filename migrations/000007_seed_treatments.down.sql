-- Removes the treatments seeded by 000007; their findings and mechanism links go with them
-- (ON DELETE CASCADE).

BEGIN;

DELETE FROM treatments
WHERE slug IN (
    'surgical-excision',
    'diltiazem',
    'minocycline',
    'warfarin',
    'bisphosphonates',
    'rituximab',
    'topical-sodium-thiosulfate',
    'intralesional-sodium-thiosulfate',
    'colchicine',
    'intralesional-triamcinolone',
    'co2-laser',
    'extracorporeal-shock-wave-therapy'
);

COMMIT;
