BEGIN;

DO $$
DECLARE n integer;
BEGIN
    UPDATE findings SET is_primary = false WHERE is_primary;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 147 THEN
        RAISE EXCEPTION 'primary results: expected 147 rows, changed %', n;
    END IF;

    UPDATE findings
    SET statement = 'The report''s title announces a response to intravenous immunoglobulin; the dose, '
        'the size of the response and the follow-up were not in the part of the record seen.'
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'ivig-2008')
      AND treatment_id = (SELECT id FROM treatments WHERE slug = 'intravenous-immunoglobulin');
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'ivig-2008 finding: expected 1 row, changed %', n;
    END IF;
    UPDATE sources SET verified_against = 'full_text' WHERE slug = 'ivig-2008' AND verified_against = 'abstract';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'ivig-2008 verification: expected 1 row, changed %', n;
    END IF;

    UPDATE findings
    SET statement = 'Measured on CT, the treated deposit was smaller in all 4 patients, while the untreated '
        'control fingers did not change; on ultrasound it was smaller in 3 of 4.'
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'blumhardt-2016')
      AND treatment_id IS NOT NULL
      AND statement LIKE 'Measured on CT%';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'Blumhardt size finding: expected 1 row, changed %', n;
    END IF;
    UPDATE findings
    SET comparison = NULL,
        statement = 'Pain in the treated finger fell by 91% and 60% in 2 of the 4 patients. Safety results '
            'could not be read on the record.'
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'blumhardt-2016')
      AND treatment_id IS NOT NULL
      AND statement LIKE 'Pain in the treated finger%';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'Blumhardt pain finding: expected 1 row, changed %', n;
    END IF;

    UPDATE findings
    SET outcome = 'mixed',
        statement = 'Patient-reported range of motion improved in 15% and was unchanged in 85%; none was worse.'
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'hand-debulking-2021')
      AND statement LIKE 'Patient-reported range of motion%';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'hand debulking range of motion: expected 1 row, changed %', n;
    END IF;

    UPDATE treatments
    SET rationale = 'Immunosuppression given to control the underlying disease; in the one verified report '
        'it did not stop calcinosis from progressing.'
    WHERE slug = 'azathioprine-with-prednisone';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'azathioprine with prednisone rationale: expected 1 row, changed %', n;
    END IF;
    UPDATE findings
    SET outcome = 'no_effect',
        statement = 'The drugs did not stop the calcinosis from progressing or bring it into remission.'
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'inguinal-resection-2019')
      AND treatment_id = (SELECT id FROM treatments WHERE slug = 'azathioprine-with-prednisone');
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'azathioprine with prednisone finding: expected 1 row, changed %', n;
    END IF;

    UPDATE findings
    SET outcome = CASE WHEN treatment_id = (SELECT id FROM treatments WHERE slug = 'warfarin')
                       THEN 'no_effect' ELSE 'improved' END
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'traineau-2020')
      AND treatment_id IN (SELECT id FROM treatments WHERE slug IN (
          'diltiazem', 'bisphosphonates', 'rituximab', 'intralesional-sodium-thiosulfate', 'warfarin'));
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 5 THEN
        RAISE EXCEPTION 'systematic review outcomes: expected 5 rows, changed %', n;
    END IF;

    UPDATE findings
    SET outcome = 'mixed'
    WHERE source_id = (SELECT id FROM sources WHERE slug = 'valenzuela-2015')
      AND treatment_id IS NOT NULL
      AND statement LIKE 'The review''s abstract reports that several drug therapies%';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 14 THEN
        RAISE EXCEPTION 'anchor review per-drug outcomes: expected 14 rows, changed %', n;
    END IF;
END $$;

COMMIT;
