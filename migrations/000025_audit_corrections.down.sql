BEGIN;

DO $$
DECLARE n integer;
BEGIN
    UPDATE mechanisms
    SET genes = array_remove(genes, 'AHSG'),
        description = replace(description, 'calcification inhibitor fetuin-A (gene AHSG, Ahsg in the mouse).',
                              'calcification inhibitor fetuin-A.')
    WHERE slug = 'fetuin-a-deficient-mice';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'fetuin-A mouse record: expected 1 row, changed %', n;
    END IF;

    UPDATE findings
    SET statement = 'Comparing hand films taken a median of five years apart showed calcinosis progressing '
        'in 27 of 103 patients, so serial radiographs can be used to follow the disease.'
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'avouac-2011')
      AND diagnostic_modality_id = (SELECT id FROM diagnostic_modalities WHERE slug = 'plain-radiography');
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'Avouac 2011 finding: expected 1 row, changed %', n;
    END IF;

    UPDATE diagnostic_modalities
    SET limitations = CASE slug
        WHEN 'clinical-examination' THEN 'Only finds deposits that are visible or palpable. No verified '
            'study in this knowledge base measured how many deposits seen on imaging examination misses.'
        WHEN 'ultrasonography' THEN 'Experimental according to the review. The verified evidence is one '
            'single-centre cross-sectional study of 52 patients and a 4-patient pilot; neither reports '
            'sensitivity or specificity against a reference standard, and in the pilot ultrasound and CT '
            'did not agree on every lesion.'
        WHEN 'plain-radiography' THEN 'A single projection. In the one verified head-to-head study it found '
            'calcification no more often than ultrasonography (36% vs 40%). No verified study here reports '
            'its sensitivity or specificity against a reference standard.'
        END
    WHERE slug IN ('clinical-examination', 'ultrasonography', 'plain-radiography');
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 3 THEN
        RAISE EXCEPTION 'modality texts: expected 3 rows, changed %', n;
    END IF;

    UPDATE findings
    SET statement = 'A late capillaroscopic pattern was more frequent with calcinosis (p < 0.001, '
        'unadjusted). The abstract breaks off while giving its adjusted estimate, which is therefore not stored.'
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'samoes-2023')
      AND associated_feature_id = (SELECT id FROM associated_features WHERE slug = 'nailfold-capillary-abnormalities')
      AND NOT adjusted;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'Samões unadjusted finding: expected 1 row, changed %', n;
    END IF;
    DELETE FROM findings
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'samoes-2023')
      AND associated_feature_id = (SELECT id FROM associated_features WHERE slug = 'nailfold-capillary-abnormalities')
      AND adjusted;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'Samões adjusted estimate: expected 1 row, deleted %', n;
    END IF;
END $$;

COMMIT;
