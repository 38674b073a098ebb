-- Removes the associated features seeded by 000004; their findings go with them (ON DELETE CASCADE).

BEGIN;

DELETE FROM associated_features
WHERE slug IN (
    'longer-disease-duration',
    'digital-ulcers',
    'acro-osteolysis',
    'anticentromere-antibody',
    'anti-pm-scl-antibody',
    'osteoporosis',
    'digital-ischaemia',
    'nailfold-capillary-abnormalities',
    'anti-scl-70-antibody',
    'anti-rna-polymerase-iii-antibody'
);

COMMIT;
