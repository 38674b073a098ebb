-- Reverts 000021: the statements, the subset finding and the route as 000018 and 000020 left them.

BEGIN;

UPDATE treatments SET route = 'oral' WHERE slug = 'azathioprine-with-prednisone';

UPDATE findings
SET source_id = (SELECT id FROM sources WHERE slug = 'avouac-2006'),
    population = '120 consecutive SSc patients with systematic hand radiographs',
    n_ssc = 120, n_total = 120,
    measure = NULL, estimate = NULL, comparator_estimate = NULL, comparison = NULL,
    events = NULL, denominator = NULL,
    direction = 'none',
    statement = 'Calcinosis on hand radiographs occurred in the diffuse as well as the limited '
        'subset; the abstract reports no difference between them.'
WHERE source_id = (SELECT id FROM sources WHERE slug = 'carranza-muleiro-2017')
  AND associated_feature_id = (SELECT id FROM associated_features WHERE slug = 'limited-cutaneous-subset');

UPDATE findings AS f
SET statement = v.new
FROM (VALUES
    ('Half of the patients (4 of 8) improved clinically, with pain scores down by at least 50% and no new inflammation or ulceration. Safety data could not be read on the record.',
     'Half of the patients (4 of 8) improved clinically, with pain scores down by at least 50% and no new inflammation or ulceration; in 2 of them (25% of the series) radiographs also showed the deposits gone or clearly smaller. Safety data could not be read on the record.'),
    ('On radiographs, the deposits resolved or clearly shrank in 2 of the 8 patients (25%), both among those who improved clinically.',
     'On radiographs, deposits resolved or shrank in 2 of the 8 patients (25%); the others did not regress.'),
    ('Pain in the treated finger fell by 91% and 60% in 2 of the 4 patients. Safety results could not be read on the record.',
     'Pain in the treated finger fell by 91% and 60% in 2 of the 4 patients; lesion size fell in 3 patients on ultrasound and in all 4 on CT, while the untreated fingers did not change. Safety results could not be read on the record.'),
    ('Digital ulcers independently predicted calcinosis overall in the multivariate model (OR 2.63, 95% CI 1.02-6.78, p = 0.045).',
     'Digital ulcers were the independent predictor of calcinosis in the multivariate model (OR 2.63, 95% CI 1.02-6.78, p = 0.045).'),
    ('A longer time since the first symptom other than Raynaud phenomenon was independently associated with calcinosis (OR 3.77, 95% CI 1.26-11.27); disease had lasted 20 ± 10.5 against 12 ± 8 years. The abstract gives no p value for the odds ratio.',
     'A longer time since the first symptom other than Raynaud phenomenon was independently associated with calcinosis (OR 3.77, 95% CI 1.26-11.27); disease had lasted 20 (SD 10.5) against 12 (SD 8) years. The abstract gives no p value for the odds ratio.'),
    ('In this conference abstract (not peer reviewed), half of the 10 patients were disabled; the abstract lists painful ulcers, soft-tissue swelling, contractures, new joint swelling and infection among the problems the deposits caused.',
     'In this conference abstract (not peer reviewed), half of the 10 patients were disabled by their calcinosis; painful ulcers, soft-tissue swelling, contractures, new joint swelling and infection are given as the reasons.'),
    ('The skin over the deposit had ulcerated at 154 of the 316 deposits (48.7%).',
     'Skin ulcers complicated 154 of the 316 deposits (48.7%).'),
    ('The plaques resolved completely after three monthly sessions; the report''s title describes both a clinical and an ultrasound response.',
     'Both plaques resolved completely after three monthly sessions, confirmed clinically and on ultrasound.'),
    ('In this conference abstract (not peer reviewed), 997 of 3388 registry patients (29.4%) had calcinosis; a heavy burden is reported in 130 of 963 (13.5%), a denominator the abstract does not explain.',
     'In this conference abstract (not peer reviewed), 997 of 3388 registry patients (29.4%) had calcinosis; 130 of the 963 whose burden was graded (13.5%) had a heavy burden.'),
    ('Hand radiographs showed calcinosis in 23% of 120 consecutive SSc patients; it occurred in the diffuse as well as the limited subset, without a comparison between them.',
     'Hand radiographs showed calcinosis in 23% of 120 consecutive SSc patients; it was seen about as often in the diffuse as in the limited subset.')
) AS v (old, new)
WHERE f.statement = v.old;

UPDATE prevalence_estimates AS pe
SET statement = f.statement
FROM findings AS f
WHERE f.prevalence_estimate_id = pe.id AND pe.slug IN ('avouac-2006-hand-radiographs', 'johns-hopkins-2020-registry');

COMMIT;
