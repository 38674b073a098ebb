-- Corrections from the 2026-12 content audit that do not concern treatment outcomes. Every
-- statement checks that it changed exactly the rows it meant to.
BEGIN;

DO $$
DECLARE n integer;
BEGIN
    -- Samões 2023 (Clin Rheumatol, doi:10.1007/s10067-023-06617-5; the publisher's page and
    -- the NOVA repository record): the abstract prints "late capillaroscopic pattern (OR 7.6,
    -- 95% CI 1.7-34.9," in its multivariate results and breaks off there, so what the estimate
    -- predicts (overall calcinosis or calcinosis at one site) and its p value could not be read.
    -- The unadjusted comparison stays the study's primary finding for this feature: its outcome
    -- (calcinosis) is known.
    INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                          measure, estimate, ci_low, ci_high, adjusted, direction, evidence_level,
                          statement)
    VALUES ((SELECT id FROM sources WHERE slug = 'samoes-2023'),
            (SELECT id FROM associated_features WHERE slug = 'nailfold-capillary-abnormalities'),
            'cross_sectional',
            '226 SSc patients of a Portuguese multicentre registry; the calcinosis outcome this estimate predicts could not be read',
            226, 226, 'odds_ratio', 7.6, 1.7, 34.9, true, 'positive', 3,
            'In the multivariate analysis a late capillaroscopic pattern carried an odds ratio of 7.6 '
            '(95% CI 1.7-34.9). The abstract breaks off at this point, so which calcinosis outcome it '
            'predicts (overall, or at one site) and its p value could not be read.');
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'Samões adjusted estimate: expected 1 row, inserted %', n;
    END IF;
    UPDATE findings
    SET statement = 'A late capillaroscopic pattern was more frequent with calcinosis (p < 0.001, '
        'unadjusted). Its adjusted estimate is stored as a separate finding.'
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'samoes-2023')
      AND associated_feature_id = (SELECT id FROM associated_features WHERE slug = 'nailfold-capillary-abnormalities')
      AND NOT adjusted;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'Samões unadjusted finding: expected 1 row, changed %', n;
    END IF;

    -- The modality texts, made to agree with the findings added since they were written:
    -- Samões 2023 prints the sensitivity of clinical examination (58.2%, radiographs as the
    -- reference) and that hand films alone found 74.7%; Fawzy 2016 (20 SSc patients) is a
    -- second study setting ultrasound beside radiographs.
    UPDATE diagnostic_modalities
    SET limitations = 'Only finds deposits that are visible or palpable. With radiographs as the '
        'reference, examination found 58.2% of the patients with radiographic calcinosis in a '
        'multicentre study of 226 patients; in 37 of the 91 with calcinosis on films it had not been '
        'found on examination.'
    WHERE slug = 'clinical-examination';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'clinical examination text: expected 1 row, changed %', n;
    END IF;
    UPDATE diagnostic_modalities
    SET limitations = 'Experimental according to the review. The verified evidence is two cross-sectional '
        'studies that set it beside radiographs (52 and 20 SSc patients; neither found a significant '
        'difference) and a 4-patient pilot; none reports sensitivity or specificity against a reference '
        'standard, and in the pilot ultrasound and CT did not agree on every lesion.'
    WHERE slug = 'ultrasonography';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'ultrasonography text: expected 1 row, changed %', n;
    END IF;
    UPDATE diagnostic_modalities
    SET limitations = 'A single projection. In the two verified head-to-head studies it found '
        'calcification no more often than ultrasonography (36% vs 40% in 52 patients; no significant '
        'difference in 20). No verified study reports its sensitivity or specificity against an '
        'independent reference standard; where radiographs were the reference, hand films alone found '
        '74.7% of the patients with calcinosis at any of the four sites filmed.'
    WHERE slug = 'plain-radiography';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'plain radiography text: expected 1 row, changed %', n;
    END IF;

    -- Avouac 2011 (Ann Rheum Dis 2011;70(4):630, the journal's page): the abstract reports the
    -- progression but does not conclude that serial radiographs can follow the disease.
    UPDATE findings
    SET statement = 'Comparing hand films taken a median of five years apart showed calcinosis '
        'progressing in 27 of 103 patients.'
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'avouac-2011')
      AND diagnostic_modality_id = (SELECT id FROM diagnostic_modalities WHERE slug = 'plain-radiography');
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'Avouac 2011 finding: expected 1 row, changed %', n;
    END IF;

    -- Fetuin-A is the product of the AHSG gene (Ahsg in the mouse: Schäfer et al., J Clin
    -- Invest 2003;112(3):357-66, PMC166290, names "α2-Heremans-Schmid glycoprotein (Ahsg, also
    -- known as fetuin-A)"); the record of the fetuin-A-deficient mouse names it.
    UPDATE mechanisms
    SET genes = ARRAY['AHSG'] || genes,
        description = replace(description, 'calcification inhibitor fetuin-A.',
                              'calcification inhibitor fetuin-A (gene AHSG, Ahsg in the mouse).')
    WHERE slug = 'fetuin-a-deficient-mice'
      AND NOT 'AHSG' = ANY (genes)
      AND description LIKE '%calcification inhibitor fetuin-A.%';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'fetuin-A mouse record: expected 1 row, changed %', n;
    END IF;
END $$;

COMMIT;
