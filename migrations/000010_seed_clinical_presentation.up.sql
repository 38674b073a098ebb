-- Seed content: clinical presentation, the sites where deposits form and what they cause.
--
-- Frequencies come from the 10-centre cohort of Valenzuela 2020 (215 of 568 consecutive SSc
-- patients had calcinosis). Its abstract gives percentages without counts, so these findings carry
-- an estimate but no events/denominator. It says the complication shares are shares of patients;
-- for the site shares it does not say whether patients or lesions were counted, and the findings
-- say so. Boulman 2005 names complications without frequencies; those findings have no measure.
-- Evidence levels (Oxford CEBM 2011, "how common is the problem?"): a local non-random sample of
-- consecutive patients 3; a narrative review 5.

BEGIN;

INSERT INTO presentation_items (slug, name, kind, description)
VALUES
    ('hands',
     'Hands',
     'site',
     'The hands, the commonest place for calcinosis in SSc in a large multicentre cohort.'),
    ('thumbs',
     'Thumbs',
     'site',
     'The thumb, the digit most often affected in the same cohort; frequency fell from the thumb '
        'towards the fifth finger.'),
    ('fifth-fingers',
     'Fifth fingers',
     'site',
     'The little finger, the digit least often affected in the same cohort.'),
    ('tenderness',
     'Tenderness',
     'complication',
     'Deposits that are tender to touch, the commonest complication in a large multicentre cohort.'),
    ('spontaneous-extrusion',
     'Spontaneous extrusion through the skin',
     'complication',
     'Calcium material working its way out through the skin on its own.'),
    ('infection',
     'Infection',
     'complication',
     'Infection of a deposit or of the skin over it. Uncommon in a large cohort, and named with '
        'recurrent local inflammation as a complication of ulcerated deposits.'),
    ('skin-ulceration',
     'Skin ulceration',
     'complication',
     'Breakdown of the skin over a deposit.'),
    ('recurrent-local-inflammation',
     'Recurrent local inflammation',
     'complication',
     'Repeated bouts of inflammation around a deposit.'),
    ('muscle-atrophy',
     'Muscle atrophy',
     'complication',
     'Wasting of muscle near deposits.'),
    ('joint-contractures',
     'Joint contractures',
     'complication',
     'Joints fixed in a bent position, limiting their movement.'),
    ('disability-and-impaired-hand-function',
     'Disability and impaired hand function',
     'complication',
     'Worse overall disability and hand function in patients with calcinosis, measured with the '
        'Scleroderma Health Assessment Questionnaire Disability Index and the Cochin Hand Functional '
        'Scale.');

-- Sites ---------------------------------------------------------------------------------------

INSERT INTO findings (source_id, presentation_item_id, design, population, n_ssc, n_total,
                      measure, estimate, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2020'),
        (SELECT id FROM presentation_items WHERE slug = 'hands'),
        'cross_sectional',
        '215 SSc patients with calcinosis, from 568 consecutive patients at 10 centres in North America, '
        'Australia and Mexico',
        215, 215, 'proportion', 0.70, 3,
        'The hands were the most common location of calcinosis, at 70%. The abstract does not say '
        'whether this is a share of patients or of lesions.');

INSERT INTO findings (source_id, presentation_item_id, design, population, n_ssc, n_total,
                      measure, estimate, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2020'),
        (SELECT id FROM presentation_items WHERE slug = 'thumbs'),
        'cross_sectional',
        '215 SSc patients with calcinosis, from 568 consecutive patients at 10 centres in North America, '
        'Australia and Mexico',
        215, 215, 'proportion', 0.19, 3,
        'Within the hands the thumbs were affected most often (19%), and frequency decreased digit by '
        'digit towards the fifth finger. The abstract does not say whether patients or lesions were '
        'counted.');

INSERT INTO findings (source_id, presentation_item_id, design, population, n_ssc, n_total,
                      measure, estimate, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2020'),
        (SELECT id FROM presentation_items WHERE slug = 'fifth-fingers'),
        'cross_sectional',
        '215 SSc patients with calcinosis, from 568 consecutive patients at 10 centres in North America, '
        'Australia and Mexico',
        215, 215, 'proportion', 0.08, 3,
        'The fifth fingers were the least affected digits (8%), at the end of a gradient that starts '
        'at the thumb. The abstract does not say whether patients or lesions were counted.');

-- Complications -------------------------------------------------------------------------------

INSERT INTO findings (source_id, presentation_item_id, design, population, n_ssc, n_total,
                      measure, estimate, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2020'),
        (SELECT id FROM presentation_items WHERE slug = 'tenderness'),
        'cross_sectional',
        '215 SSc patients with calcinosis, from 568 consecutive patients at 10 centres in North America, '
        'Australia and Mexico',
        215, 215, 'proportion', 0.29, 3,
        'Tenderness was the most frequent complication, reported in 29% of patients.');

INSERT INTO findings (source_id, presentation_item_id, design, population, n_ssc, n_total,
                      measure, estimate, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2020'),
        (SELECT id FROM presentation_items WHERE slug = 'spontaneous-extrusion'),
        'cross_sectional',
        '215 SSc patients with calcinosis, from 568 consecutive patients at 10 centres in North America, '
        'Australia and Mexico',
        215, 215, 'proportion', 0.20, 3,
        'One patient in five (20%) had calcinosis extrude spontaneously through the skin, the second '
        'most frequent complication.');

INSERT INTO findings (source_id, presentation_item_id, design, population, n_ssc, n_total,
                      measure, estimate, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2020'),
        (SELECT id FROM presentation_items WHERE slug = 'infection'),
        'cross_sectional',
        '215 SSc patients with calcinosis, from 568 consecutive patients at 10 centres in North America, '
        'Australia and Mexico',
        215, 215, 'proportion', 0.02, 3,
        'Infection was rare, at 2%.');

INSERT INTO findings (source_id, presentation_item_id, design, population, n_ssc, n_total,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2020'),
        (SELECT id FROM presentation_items WHERE slug = 'disability-and-impaired-hand-function'),
        'cross_sectional',
        '568 consecutive SSc patients at 10 centres in North America, Australia and Mexico; 215 with calcinosis',
        568, 568, 3,
        'Every patient completed the HAQ-DI and the Cochin Hand Functional Scale. Disability and hand '
        'function were worse with calcinosis, above all when it involved sites other than the fingers '
        'and thumbs. The abstract gives no scores or p values for this.');

INSERT INTO findings (source_id, presentation_item_id, design, population, evidence_level, statement)
SELECT (SELECT id FROM sources WHERE slug = 'boulman-2005'),
       p.id,
       'narrative_review',
       'Calcinosis in rheumatic diseases (MEDLINE literature 1972-2004); no SSc patient counts',
       5,
       'The review names muscle atrophy, joint contractures and skin ulceration, with recurrent local '
       'inflammation and infection, among the problems calcinosis can cause in connective tissue '
       'diseases. It gives no frequencies.'
FROM presentation_items AS p
WHERE p.slug IN ('muscle-atrophy', 'joint-contractures', 'skin-ulceration',
                 'recurrent-local-inflammation', 'infection');

COMMIT;
