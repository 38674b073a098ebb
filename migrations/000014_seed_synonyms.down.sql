BEGIN;

UPDATE associated_features SET synonyms = '{}'
WHERE slug IN ('longer-disease-duration', 'digital-ulcers', 'acro-osteolysis', 'anticentromere-antibody', 'anti-pm-scl-antibody', 'osteoporosis', 'digital-ischaemia', 'nailfold-capillary-abnormalities', 'anti-scl-70-antibody', 'anti-rna-polymerase-iii-antibody');
UPDATE mechanisms SET synonyms = '{}'
WHERE slug IN ('local-trauma', 'chronic-inflammation', 'vascular-hypoxia', 'heritable-ectopic-mineralization-models');
UPDATE diagnostic_modalities SET synonyms = '{}'
WHERE slug IN ('clinical-examination', 'plain-radiography', 'ultrasonography', 'multidetector-ct', 'dual-energy-ct');
UPDATE treatments SET synonyms = '{}'
WHERE slug IN ('surgical-excision', 'diltiazem', 'minocycline', 'warfarin', 'bisphosphonates', 'rituximab', 'topical-sodium-thiosulfate', 'intralesional-sodium-thiosulfate', 'intralesional-triamcinolone', 'co2-laser', 'extracorporeal-shock-wave-therapy');

COMMIT;
