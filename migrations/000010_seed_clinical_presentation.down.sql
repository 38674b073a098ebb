-- Removes the presentation items seeded by 000010; their findings go with them (ON DELETE CASCADE).

BEGIN;

DELETE FROM presentation_items
WHERE slug IN (
    'hands',
    'thumbs',
    'fifth-fingers',
    'tenderness',
    'spontaneous-extrusion',
    'infection',
    'skin-ulceration',
    'recurrent-local-inflammation',
    'muscle-atrophy',
    'joint-contractures',
    'disability-and-impaired-hand-function'
);

COMMIT;
