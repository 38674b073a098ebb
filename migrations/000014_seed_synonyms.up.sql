-- Synonyms and abbreviations that search matches and each record returns.

BEGIN;

UPDATE associated_features SET synonyms = ARRAY['disease duration', 'duration of SSc'] WHERE slug = 'longer-disease-duration';
UPDATE associated_features SET synonyms = ARRAY['DU', 'DUs', 'digital ulceration', 'fingertip ulcers'] WHERE slug = 'digital-ulcers';
UPDATE associated_features SET synonyms = ARRAY['acroosteolysis', 'acro osteolysis', 'AO', 'terminal phalanx resorption'] WHERE slug = 'acro-osteolysis';
UPDATE associated_features SET synonyms = ARRAY['ACA', 'anti-centromere antibody', 'centromere antibody'] WHERE slug = 'anticentromere-antibody';
UPDATE associated_features SET synonyms = ARRAY['anti-PM-Scl', 'PM/Scl', 'PM-Scl'] WHERE slug = 'anti-pm-scl-antibody';
UPDATE associated_features SET synonyms = ARRAY['low bone density', 'low bone mineral density'] WHERE slug = 'osteoporosis';
UPDATE associated_features SET synonyms = ARRAY['digital ischemia', 'ischaemia', 'ischemia'] WHERE slug = 'digital-ischaemia';
UPDATE associated_features SET synonyms = ARRAY['capillaroscopy', 'nailfold videocapillaroscopy', 'NVC', 'capillary dropout'] WHERE slug = 'nailfold-capillary-abnormalities';
UPDATE associated_features SET synonyms = ARRAY['Scl-70', 'anti-topoisomerase I', 'ATA'] WHERE slug = 'anti-scl-70-antibody';
UPDATE associated_features SET synonyms = ARRAY['RNAP3', 'anti-RNAP III', 'anti-RNA polymerase 3'] WHERE slug = 'anti-rna-polymerase-iii-antibody';
UPDATE mechanisms SET synonyms = ARRAY['trauma', 'repetitive trauma', 'mechanical stress'] WHERE slug = 'local-trauma';
UPDATE mechanisms SET synonyms = ARRAY['inflammation'] WHERE slug = 'chronic-inflammation';
UPDATE mechanisms SET synonyms = ARRAY['hypoxia', 'ischaemia', 'ischemia', 'vasculopathy'] WHERE slug = 'vascular-hypoxia';
UPDATE mechanisms SET synonyms = ARRAY['mouse models', 'ectopic calcification', 'ectopic mineralisation'] WHERE slug = 'heritable-ectopic-mineralization-models';
UPDATE diagnostic_modalities SET synonyms = ARRAY['physical examination', 'clinical exam'] WHERE slug = 'clinical-examination';
UPDATE diagnostic_modalities SET synonyms = ARRAY['X-ray', 'radiograph', 'plain film'] WHERE slug = 'plain-radiography';
UPDATE diagnostic_modalities SET synonyms = ARRAY['ultrasound', 'sonography', 'US'] WHERE slug = 'ultrasonography';
UPDATE diagnostic_modalities SET synonyms = ARRAY['MDCT', 'multidetector computed tomography', 'CT'] WHERE slug = 'multidetector-ct';
UPDATE diagnostic_modalities SET synonyms = ARRAY['DECT', 'dual-energy computed tomography'] WHERE slug = 'dual-energy-ct';
UPDATE treatments SET synonyms = ARRAY['surgery', 'excision', 'debulking'] WHERE slug = 'surgical-excision';
UPDATE treatments SET synonyms = ARRAY['calcium channel blocker', 'CCB'] WHERE slug = 'diltiazem';
UPDATE treatments SET synonyms = ARRAY['tetracycline'] WHERE slug = 'minocycline';
UPDATE treatments SET synonyms = ARRAY['vitamin K antagonist', 'anticoagulant'] WHERE slug = 'warfarin';
UPDATE treatments SET synonyms = ARRAY['bisphosphonate', 'pamidronate', 'alendronate', 'etidronate'] WHERE slug = 'bisphosphonates';
UPDATE treatments SET synonyms = ARRAY['anti-CD20', 'RTX'] WHERE slug = 'rituximab';
UPDATE treatments SET synonyms = ARRAY['STS', 'sodium thiosulphate', 'thiosulfate'] WHERE slug = 'topical-sodium-thiosulfate';
UPDATE treatments SET synonyms = ARRAY['STS', 'IL-STS', 'sodium thiosulphate', 'thiosulfate injection'] WHERE slug = 'intralesional-sodium-thiosulfate';
UPDATE treatments SET synonyms = ARRAY['triamcinolone', 'corticosteroid injection', 'steroid injection'] WHERE slug = 'intralesional-triamcinolone';
UPDATE treatments SET synonyms = ARRAY['CO2 laser', 'carbon dioxide laser', 'laser'] WHERE slug = 'co2-laser';
UPDATE treatments SET synonyms = ARRAY['ESWL', 'ESWT', 'extracorporeal shock wave lithotripsy', 'shock wave lithotripsy', 'lithotripsy'] WHERE slug = 'extracorporeal-shock-wave-therapy';

COMMIT;
