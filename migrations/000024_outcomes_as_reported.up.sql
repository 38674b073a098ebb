-- Outcomes only where a source reports a result of the treatment in patients, and the
-- corrections of the 2026-12 content audit that concern treatment findings. Every statement
-- checks that it changed exactly the rows it meant to.
BEGIN;

DO $$
DECLARE n integer;
BEGIN
    -- The anchor review's abstract says only that drug therapies "have shown variable
    -- results"; it names no drug, so its per-drug findings report no result (as 000011 did
    -- for Boulman 2005). Fourteen treatments carry such a finding.
    UPDATE findings
    SET outcome = NULL
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'valenzuela-2015')
      AND treatment_id IS NOT NULL
      AND outcome = 'mixed';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 14 THEN
        RAISE EXCEPTION 'anchor review per-drug outcomes: expected 14 rows, changed %', n;
    END IF;

    -- Traineau 2020 (systematic review, abstract): "might be useful" (diltiazem,
    -- bisphosphonates), "has shown promising results" (rituximab) and "might be a promising
    -- alternative" (intralesional sodium thiosulfate) are tentative judgements, not results;
    -- for warfarin the abstract gives the recommendation, not the results it rests on.
    UPDATE findings
    SET outcome = NULL
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'traineau-2020')
      AND treatment_id IN (SELECT id FROM treatments WHERE slug IN (
          'diltiazem', 'bisphosphonates', 'rituximab', 'intralesional-sodium-thiosulfate', 'warfarin'))
      AND outcome IS NOT NULL;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 5 THEN
        RAISE EXCEPTION 'systematic review outcomes: expected 5 rows, changed %', n;
    END IF;

    -- Inguinal resection case (Rev Bras Cir Plást 2019, full text): an earlier drug treatment,
    -- not named, failed to stop the calcinosis; azathioprine and prednisone were taken to
    -- stabilise the underlying disease. The report gives no result of them on calcinosis.
    UPDATE findings
    SET outcome = NULL,
        statement = 'The report names azathioprine and prednisone as the drugs the patient took to '
            'stabilise her systemic sclerosis, not as treatment of the calcinosis. It says an earlier '
            'drug treatment, which it does not name, failed to stop the calcinosis progressing; it '
            'reports no result of azathioprine with prednisone on the calcinosis.'
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'inguinal-resection-2019')
      AND treatment_id = (SELECT id FROM treatments WHERE slug = 'azathioprine-with-prednisone')
      AND outcome = 'no_effect';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'azathioprine with prednisone finding: expected 1 row, changed %', n;
    END IF;
    UPDATE treatments
    SET rationale = 'Immunosuppression given to control the underlying disease. The one verified report '
        'that mentions it names it as treatment of the systemic sclerosis, not of the calcinosis, and '
        'reports no result of it on the deposits.'
    WHERE slug = 'azathioprine-with-prednisone';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'azathioprine with prednisone rationale: expected 1 row, changed %', n;
    END IF;

    -- Hand debulking (J Hand Surg Am 2021, PubMed 33795151): the authors conclude that surgery
    -- improved patient-reported range of motion (15% better, 85% unchanged, none worse).
    UPDATE findings
    SET outcome = 'improved',
        statement = 'Patient-reported range of motion improved in 15% and was unchanged in 85%; none '
            'was worse. The authors count this as an improvement.'
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'hand-debulking-2021')
      AND outcome = 'mixed'
      AND statement LIKE 'Patient-reported range of motion%';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'hand debulking range of motion: expected 1 row, changed %', n;
    END IF;

    -- Blumhardt 2016 (Clin Exp Rheumatol, PubMed 27494629): "There was no change in the
    -- control fingers" follows the pain result; the abstract does not say the control fingers
    -- were measured on CT. The remark moves to the pain finding, whose comparison group the
    -- untreated finger is.
    UPDATE findings
    SET comparison = 'The untreated control finger of each patient',
        statement = 'Pain in the treated finger fell by 91% and 60% in 2 of the 4 patients; there was '
            'no change in the untreated control fingers. Safety results could not be read on the record.'
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'blumhardt-2016')
      AND treatment_id IS NOT NULL
      AND statement LIKE 'Pain in the treated finger%';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'Blumhardt pain finding: expected 1 row, changed %', n;
    END IF;
    UPDATE findings
    SET statement = 'Measured on CT, the treated deposit was smaller in all 4 patients; on ultrasound '
        'it was smaller in 3 of 4.'
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'blumhardt-2016')
      AND treatment_id IS NOT NULL
      AND statement LIKE 'Measured on CT%';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'Blumhardt size finding: expected 1 row, changed %', n;
    END IF;

    -- ivig-2008 (Arch Dermatol 2008;144(5):585-7): the page seen breaks off before the
    -- results, so its numbers were checked against what an abstract would give, not the full
    -- text; the improvement rests on the title.
    UPDATE sources
    SET verified_against = 'abstract'
    WHERE slug = 'ivig-2008' AND verified_against = 'full_text';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'ivig-2008 verification: expected 1 row, changed %', n;
    END IF;
    UPDATE findings
    SET statement = 'The report''s title announces a response to intravenous immunoglobulin, and the '
        'outcome rests on the title alone: the page seen breaks off before the results, so the dose, '
        'the size of the response and the follow-up could not be read.'
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'ivig-2008')
      AND treatment_id = (SELECT id FROM treatments WHERE slug = 'intravenous-immunoglobulin');
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'ivig-2008 finding: expected 1 row, changed %', n;
    END IF;

    -- Primary findings. Where a source reports one result for a subject, that result is its
    -- primary finding (for a treatment, a result is a non-null outcome).
    UPDATE findings AS f
    SET is_primary = true
    WHERE (f.treatment_id IS NULL OR f.outcome IS NOT NULL)
      AND NOT EXISTS (
          SELECT 1
          FROM findings AS o
          WHERE o.id <> f.id
            AND o.source_id = f.source_id
            AND (o.treatment_id IS NULL OR o.outcome IS NOT NULL)
            AND o.associated_feature_id IS NOT DISTINCT FROM f.associated_feature_id
            AND o.mechanism_id IS NOT DISTINCT FROM f.mechanism_id
            AND o.diagnostic_modality_id IS NOT DISTINCT FROM f.diagnostic_modality_id
            AND o.treatment_id IS NOT DISTINCT FROM f.treatment_id
            AND o.prevalence_estimate_id IS NOT DISTINCT FROM f.prevalence_estimate_id
            AND o.presentation_item_id IS NOT DISTINCT FROM f.presentation_item_id);
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 135 THEN
        RAISE EXCEPTION 'single results made primary: expected 135 rows, changed %', n;
    END IF;

    -- Where a source reports several results for one subject, the primary one is chosen here:
    -- * Sampaio-Barros 2019 (acro-osteolysis, serum phosphorus, skin score, glucocorticoid use):
    --   the adjusted odds ratio from the logistic regression, the study's independent
    --   association; the unadjusted comparison is secondary.
    -- * Baron 2016, digital ischaemia: its presence (OR 2.37); the per-digit gradient is secondary.
    -- * Vayssairat 1998, nailfold capillaries: the lower capillary count, the general measure;
    --   giant capillaries are secondary.
    -- * Richardson 2020, diffuse severe phenotype: the heavy calcinosis burden (OR 6.29), the
    --   contrast the class is about; the light burden is secondary.
    -- * Elhai 2012, ultrasonography: detection against radiographs in the same patients, the
    --   diagnostic question; the difference from rheumatoid arthritis is secondary.
    -- * Bisphosphonates 2021: the clinical response (5 of 6), reported first; photographs and
    --   imaging are secondary.
    -- * Blumhardt 2016: pain, the first of the outcome parameters the abstract lists, in a
    --   study of painful fingers; lesion size on ultrasound and CT is secondary.
    -- * Narvaez 2019, rituximab: the clinical response (4 of 8), reported first; radiographic
    --   change is secondary.
    -- * Hand debulking 2021: pain, which the abstract names the primary outcome; range of
    --   motion and numbness are its secondary outcomes.
    UPDATE findings AS f
    SET is_primary = true
    FROM sources AS s
    WHERE s.id = f.source_id
      AND ((s.slug = 'sampaio-barros-2019' AND f.adjusted AND f.measure = 'odds_ratio')
        OR (s.slug = 'baron-2016' AND f.associated_feature_id = (SELECT id FROM associated_features WHERE slug = 'digital-ischaemia') AND f.estimate = 2.37)
        OR (s.slug = 'vayssairat-1998' AND f.statement LIKE 'Patients with calcinosis had fewer nailfold capillaries%')
        OR (s.slug = 'richardson-2020-burden' AND f.estimate = 6.29)
        OR (s.slug = 'elhai-2012' AND f.diagnostic_modality_id = (SELECT id FROM diagnostic_modalities WHERE slug = 'ultrasonography') AND f.measure = 'frequency_comparison')
        OR (s.slug = 'bisphosphonates-2021' AND f.statement LIKE 'Five of 6%')
        OR (s.slug = 'blumhardt-2016' AND f.treatment_id IS NOT NULL AND f.statement LIKE 'Pain in the treated finger%')
        OR (s.slug = 'narvaez-2019' AND f.statement LIKE 'Half of the patients%')
        OR (s.slug = 'hand-debulking-2021' AND f.statement LIKE 'Pain fell%'));
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 12 THEN
        RAISE EXCEPTION 'chosen primary results: expected 12 rows, changed %', n;
    END IF;
END $$;

COMMIT;
