-- Corrections after an independent review of 000018 and 000020 against the records seen.
--
-- Statements: wording that went beyond the records is brought back to them (no stated reason
-- for a denominator, no reason given for a disability, no comparison a record did not make),
-- and two series whose findings had been split by outcome no longer repeat one outcome inside
-- another's statement. The Cochin radiograph study compared no subsets, so its finding on the
-- limited subset goes; the Mexican abstract's subset counts take its place. Azathioprine with
-- prednisone keeps no route: the report does not give one.

BEGIN;

UPDATE findings AS f
SET statement = v.new
FROM (VALUES
    ('Half of the patients (4 of 8) improved clinically, with pain scores down by at least 50% and no new inflammation or ulceration; in 2 of them (25% of the series) radiographs also showed the deposits gone or clearly smaller. Safety data could not be read on the record.',
     'Half of the patients (4 of 8) improved clinically, with pain scores down by at least 50% and no new inflammation or ulceration. Safety data could not be read on the record.'),
    ('On radiographs, deposits resolved or shrank in 2 of the 8 patients (25%); the others did not regress.',
     'On radiographs, the deposits resolved or clearly shrank in 2 of the 8 patients (25%), both among those who improved clinically.'),
    ('Pain in the treated finger fell by 91% and 60% in 2 of the 4 patients; lesion size fell in 3 patients on ultrasound and in all 4 on CT, while the untreated fingers did not change. Safety results could not be read on the record.',
     'Pain in the treated finger fell by 91% and 60% in 2 of the 4 patients. Safety results could not be read on the record.'),
    ('Digital ulcers were the independent predictor of calcinosis in the multivariate model (OR 2.63, 95% CI 1.02-6.78, p = 0.045).',
     'Digital ulcers independently predicted calcinosis overall in the multivariate model (OR 2.63, 95% CI 1.02-6.78, p = 0.045).'),
    ('A longer time since the first symptom other than Raynaud phenomenon was independently associated with calcinosis (OR 3.77, 95% CI 1.26-11.27); disease had lasted 20 (SD 10.5) against 12 (SD 8) years. The abstract gives no p value for the odds ratio.',
     'A longer time since the first symptom other than Raynaud phenomenon was independently associated with calcinosis (OR 3.77, 95% CI 1.26-11.27); disease had lasted 20 ± 10.5 against 12 ± 8 years. The abstract gives no p value for the odds ratio.'),
    ('In this conference abstract (not peer reviewed), half of the 10 patients were disabled by their calcinosis; painful ulcers, soft-tissue swelling, contractures, new joint swelling and infection are given as the reasons.',
     'In this conference abstract (not peer reviewed), half of the 10 patients were disabled; the abstract lists painful ulcers, soft-tissue swelling, contractures, new joint swelling and infection among the problems the deposits caused.'),
    ('Skin ulcers complicated 154 of the 316 deposits (48.7%).',
     'The skin over the deposit had ulcerated at 154 of the 316 deposits (48.7%).'),
    ('Both plaques resolved completely after three monthly sessions, confirmed clinically and on ultrasound.',
     'The plaques resolved completely after three monthly sessions; the report''s title describes both a clinical and an ultrasound response.'),
    ('In this conference abstract (not peer reviewed), 997 of 3388 registry patients (29.4%) had calcinosis; 130 of the 963 whose burden was graded (13.5%) had a heavy burden.',
     'In this conference abstract (not peer reviewed), 997 of 3388 registry patients (29.4%) had calcinosis; a heavy burden is reported in 130 of 963 (13.5%), a denominator the abstract does not explain.'),
    ('Hand radiographs showed calcinosis in 23% of 120 consecutive SSc patients; it was seen about as often in the diffuse as in the limited subset.',
     'Hand radiographs showed calcinosis in 23% of 120 consecutive SSc patients; it occurred in the diffuse as well as the limited subset, without a comparison between them.')
) AS v (old, new)
WHERE f.statement = v.old;

UPDATE prevalence_estimates AS pe
SET statement = f.statement
FROM findings AS f
WHERE f.prevalence_estimate_id = pe.id AND pe.slug IN ('avouac-2006-hand-radiographs', 'johns-hopkins-2020-registry');

-- The finding keeps its id and becomes the Mexican abstract's, so that the down migration can
-- restore it exactly.
UPDATE findings
SET source_id = (SELECT id FROM sources WHERE slug = 'carranza-muleiro-2017'),
    population = '71 SSc patients: 28 with calcinosis and 43 without',
    n_ssc = 71, n_total = 71,
    measure = 'frequency_comparison', estimate = 0.357, comparator_estimate = 0.698,
    comparison = 'SSc patients without calcinosis (n = 43), of whom 30 had the limited subset',
    events = 10, denominator = 28,
    direction = 'negative',
    statement = 'In this conference abstract (not peer reviewed), the limited subset was less '
        'common among patients with calcinosis: 10 of 28, against 30 of 43 without calcinosis. No '
        'test of the difference is reported.'
WHERE source_id = (SELECT id FROM sources WHERE slug = 'avouac-2006')
  AND associated_feature_id = (SELECT id FROM associated_features WHERE slug = 'limited-cutaneous-subset');

UPDATE treatments SET route = NULL WHERE slug = 'azathioprine-with-prednisone';

COMMIT;
