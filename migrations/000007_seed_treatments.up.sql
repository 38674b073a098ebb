-- Seed content: treatments tried for calcinosis in SSc, with the evidence for each.
--
-- Outcome codes summarise what each source reports: improved, no_effect, mixed. A review that
-- recommends a treatment or calls it the mainstay without reporting results has no outcome (NULL);
-- the anchor review's "variable results" for drug therapies is coded mixed.
-- Evidence levels (Oxford CEBM 2011, treatment benefits): RCT 2; case series, case reports and
-- uncontrolled retrospective cohorts 4; a systematic review keeps the level of the studies its
-- conclusion rests on; expert and narrative reviews 5.
-- Mixed-disease cohorts say so in population; n_ssc is NULL when the SSc count is not given.
-- Mechanism links are made only where a cited source gives the rationale.

BEGIN;

INSERT INTO treatments (slug, name, category, drug_class, route, rationale, mainstay)
VALUES
    ('surgical-excision',
     'Surgical excision',
     'surgical', NULL, 'surgical',
     'Takes the calcium deposits out directly. The anchor review calls it the mainstay of treatment, '
        'and a later expert review advises referring patients with large, localised, symptomatic '
        'deposits for excision.',
     true),
    ('diltiazem',
     'Diltiazem',
     'pharmacologic', 'calcium channel blocker', 'oral',
     'An oral calcium channel blocker tried to stop deposits growing or to shrink them. The verified '
        'sources give no mechanistic rationale, and their results conflict.',
     false),
    ('minocycline',
     'Minocycline',
     'pharmacologic', 'tetracycline antibiotic', 'oral',
     'A tetracycline given at low dose in long-term cycles, mainly to settle the inflammation and '
        'ulceration around deposits rather than to dissolve them.',
     false),
    ('warfarin',
     'Warfarin (low dose)',
     'pharmacologic', 'vitamin K antagonist', 'oral',
     'A low-dose oral anticoagulant that has been tried for calcinosis. The verified sources give no '
        'mechanistic rationale, and a systematic review advises against its use.',
     false),
    ('bisphosphonates',
     'Bisphosphonates',
     'pharmacologic', 'bisphosphonate', NULL,
     'Bone-active drugs tried for calcinosis; a systematic review rates them as possibly useful on '
        'low-level evidence. The verified sources give no mechanistic rationale or preferred route.',
     false),
    ('rituximab',
     'Rituximab',
     'pharmacologic', 'anti-CD20 monoclonal antibody', 'intravenous',
     'A B-cell-depleting antibody used off-label for refractory calcinosis, often in patients who also '
        'needed it for arthritis or interstitial lung disease.',
     false),
    ('topical-sodium-thiosulfate',
     'Sodium thiosulfate, topical',
     'pharmacologic', 'thiosulfate salt', 'topical',
     'Applied to the skin over a deposit. Support comes from single case reports; the verified record '
        'gives no mechanistic rationale.',
     false),
    ('intralesional-sodium-thiosulfate',
     'Sodium thiosulfate, intralesional',
     'pharmacologic', 'thiosulfate salt', 'intralesional',
     'Injected into the deposit. A systematic review regards it as a possibly promising option on '
        'low-level evidence; the verified record gives no mechanistic rationale.',
     false),
    ('colchicine',
     'Colchicine',
     'pharmacologic', 'anti-inflammatory agent', 'oral',
     'An oral anti-inflammatory drug suggested at 1 mg a day to control the inflammation around '
        'deposits.',
     false),
    ('intralesional-triamcinolone',
     'Triamcinolone acetonide, intralesional',
     'pharmacologic', 'corticosteroid', 'intralesional',
     'A corticosteroid injected at 20 mg/mL to reduce the inflammation that deposits provoke.',
     false),
    ('co2-laser',
     'Carbon dioxide laser',
     'procedural', NULL, 'local_procedure',
     'Removes digital deposits with a carbon dioxide laser, aiming to relieve symptoms while sparing '
        'the surrounding tissue.',
     false),
    ('extracorporeal-shock-wave-therapy',
     'Extracorporeal shock wave therapy (ESWT/ESWL)',
     'procedural', NULL, 'local_procedure',
     'Focused high-energy shock waves applied through the skin to a painful deposit, as a '
        'non-surgical way to relieve pain and shrink the deposit.',
     false);

-- Anti-inflammatory agents are given for the inflammation around deposits (Valenzuela & Chung
-- 2016; the anchor review proposes chronic inflammation as a mechanism).
INSERT INTO treatment_mechanisms (treatment_id, mechanism_id)
VALUES
    ((SELECT id FROM treatments WHERE slug = 'minocycline'),
     (SELECT id FROM mechanisms WHERE slug = 'chronic-inflammation')),
    ((SELECT id FROM treatments WHERE slug = 'colchicine'),
     (SELECT id FROM mechanisms WHERE slug = 'chronic-inflammation')),
    ((SELECT id FROM treatments WHERE slug = 'intralesional-triamcinolone'),
     (SELECT id FROM mechanisms WHERE slug = 'chronic-inflammation'));

-- Anchor review: one finding per treatment ----------------------------------------------------

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
        (SELECT id FROM treatments WHERE slug = 'surgical-excision'),
        'narrative_review', 'Patients with SSc (literature review)', NULL, 5,
        'The review concludes that surgical removal of calcium deposits is still the mainstay of '
        'treatment, whereas drug therapies have given variable results.');

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
SELECT (SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
       t.id,
       'narrative_review', 'Patients with SSc (literature review)', 'mixed', 5,
       'The review''s abstract reports that several drug therapies have been tried for calcinosis with '
       'variable results and keeps surgical excision as the mainstay; it names no individual drug.'
FROM treatments AS t
WHERE t.slug IN ('diltiazem', 'minocycline', 'warfarin', 'bisphosphonates', 'rituximab',
                 'topical-sodium-thiosulfate', 'intralesional-sodium-thiosulfate', 'colchicine',
                 'intralesional-triamcinolone');

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
SELECT (SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
       t.id,
       'narrative_review', 'Patients with SSc (literature review)', NULL, 5,
       'The review''s abstract gives no result for this procedure: it says newer therapeutic '
       'interventions are described mostly in case series and case reports, and it keeps surgical '
       'excision as the mainstay of treatment.'
FROM treatments AS t
WHERE t.slug IN ('co2-laser', 'extracorporeal-shock-wave-therapy');

-- Surgical excision ---------------------------------------------------------------------------

INSERT INTO findings (source_id, treatment_id, design, population, n_total, events, denominator,
                      outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'balin-2012'),
        (SELECT id FROM treatments WHERE slug = 'surgical-excision'),
        'retrospective_cohort',
        '28 patients who had excision, from a Mayo Clinic cohort of 78 with calcinosis cutis and an '
        'autoimmune connective tissue disease (24 of the 78 had limited cutaneous SSc); SSc patients '
        'are not reported separately',
        28, 22, 28, 'improved', 4,
        'Of 28 patients whose deposits were excised, 22 had a complete response, 5 a partial response '
        'and 1 no response. The cohort mixed several connective tissue diseases, and the abstract gives '
        'no result for SSc alone.');

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016-management'),
        (SELECT id FROM treatments WHERE slug = 'surgical-excision'),
        'expert_review', 'Patients with SSc-associated calcinosis (expert management review)',
        NULL, 5,
        'The authors refer a substantial share of patients with large, localised, symptomatic deposits '
        'for excision, noting that no therapy has worked consistently.');

-- Diltiazem -----------------------------------------------------------------------------------

INSERT INTO findings (source_id, treatment_id, design, population, n_ssc, n_total, events, denominator,
                      outcome, follow_up, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'vayssairat-1998'),
        (SELECT id FROM treatments WHERE slug = 'diltiazem'),
        'case_series',
        '12 SSc patients with subcutaneous calcinosis who took diltiazem, from a study of 47 SSc patients',
        12, 12, 3, 12, 'no_effect',
        'Hand radiographs 7.8 ± 4 years apart', 4,
        'On hand radiographs taken years apart, only 3 of 12 diltiazem-treated patients improved, and '
        'only slightly. The authors conclude that the drug has not been shown to work.');

INSERT INTO findings (source_id, treatment_id, design, population, n_total, events, denominator,
                      outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'balin-2012'),
        (SELECT id FROM treatments WHERE slug = 'diltiazem'),
        'retrospective_cohort',
        '17 diltiazem-treated patients from a Mayo Clinic cohort of 78 with calcinosis cutis and an '
        'autoimmune connective tissue disease (24 of the 78 had limited cutaneous SSc); SSc patients '
        'are not reported separately',
        17, 9, 17, 'mixed', 4,
        'Diltiazem was the most used drug in this cohort; 9 of 17 treated patients had a partial '
        'response. No SSc-only result is given.');

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'traineau-2020'),
        (SELECT id FROM treatments WHERE slug = 'diltiazem'),
        'systematic_review',
        '30 studies with 288 patients with SSc or dermatomyositis in all (split by disease not given)',
        'improved', 4,
        'The systematic review judged that diltiazem may be useful, on level IV evidence by the '
        'authors'' grading.');

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'boulman-2005'),
        (SELECT id FROM treatments WHERE slug = 'diltiazem'),
        'narrative_review',
        'Calcinosis in rheumatic diseases (MEDLINE literature 1972-2004); no SSc patient counts',
        'mixed', 5,
        'Diltiazem is one of the agents that had been tried for calcinosis in connective tissue '
        'diseases; the review found none that convincingly prevented or reduced deposits.');

-- Minocycline ---------------------------------------------------------------------------------

INSERT INTO findings (source_id, treatment_id, design, population, n_ssc, n_total, events, denominator,
                      outcome, regimen, adverse_effects, follow_up, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'robertson-2003'),
        (SELECT id FROM treatments WHERE slug = 'minocycline'),
        'case_series',
        '9 women with limited cutaneous SSc and calcinosis causing pain and/or ulceration',
        9, 9, 8, 9, 'improved',
        '50 or 100 mg daily, open label',
        'Deposits turned blue-black; the low dose was otherwise generally well tolerated',
        'Mean (SD) treatment duration 3.5 (1.9) years; mean (SD) time to improvement 4.8 (3.8) months', 4,
        'Eight of 9 patients clearly improved: ulceration and inflammation became less frequent, though '
        'the deposits shrank less than expected. The earliest improvement came after one month.');

INSERT INTO findings (source_id, treatment_id, design, population, outcome, regimen, evidence_level,
                      statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016-management'),
        (SELECT id FROM treatments WHERE slug = 'minocycline'),
        'expert_review', 'Patients with SSc-associated calcinosis (expert management review)',
        NULL, '50 or 100 mg/day, in long-term cycles', 5,
        'The authors suggest cyclic long-term minocycline for the inflammation around deposits.');

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'boulman-2005'),
        (SELECT id FROM treatments WHERE slug = 'minocycline'),
        'narrative_review',
        'Calcinosis in rheumatic diseases (MEDLINE literature 1972-2004); no SSc patient counts',
        'mixed', 5,
        'Minocycline is one of the agents that had been tried for calcinosis in connective tissue '
        'diseases; the review found none that convincingly prevented or reduced deposits.');

-- Warfarin ------------------------------------------------------------------------------------

INSERT INTO findings (source_id, treatment_id, design, population, outcome, regimen, evidence_level,
                      statement)
VALUES ((SELECT id FROM sources WHERE slug = 'traineau-2020'),
        (SELECT id FROM treatments WHERE slug = 'warfarin'),
        'systematic_review',
        '30 studies with 288 patients with SSc or dermatomyositis in all (split by disease not given)',
        'no_effect', 'Low dose', 2,
        'The systematic review recommends against low-dose warfarin. The advice rests on one small '
        'randomised trial and four retrospective studies, graded IB on the authors'' modified Oxford '
        'scale; the trial''s population is not given in the abstract.');

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'boulman-2005'),
        (SELECT id FROM treatments WHERE slug = 'warfarin'),
        'narrative_review',
        'Calcinosis in rheumatic diseases (MEDLINE literature 1972-2004); no SSc patient counts',
        'mixed', 5,
        'Warfarin is one of the agents that had been tried for calcinosis in connective tissue '
        'diseases; the review found none that convincingly prevented or reduced deposits.');

-- Bisphosphonates -----------------------------------------------------------------------------

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'traineau-2020'),
        (SELECT id FROM treatments WHERE slug = 'bisphosphonates'),
        'systematic_review',
        '30 studies with 288 patients with SSc or dermatomyositis in all (split by disease not given)',
        'improved', 4,
        'The systematic review judged that bisphosphonates may be useful, on level IV evidence by the '
        'authors'' grading.');

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'boulman-2005'),
        (SELECT id FROM treatments WHERE slug = 'bisphosphonates'),
        'narrative_review',
        'Calcinosis in rheumatic diseases (MEDLINE literature 1972-2004); no SSc patient counts',
        'mixed', 5,
        'Bisphosphonates are among the agents that had been tried for calcinosis in connective tissue '
        'diseases; the review found none that convincingly prevented or reduced deposits.');

-- Rituximab -----------------------------------------------------------------------------------

INSERT INTO findings (source_id, treatment_id, design, population, n_ssc, n_total,
                      measure, estimate, events, denominator, outcome, regimen, follow_up,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'narvaez-2019'),
        (SELECT id FROM treatments WHERE slug = 'rituximab'),
        'case_series',
        '8 patients with refractory SSc-associated calcinosis treated off-label; in 6 the main reason '
        'for rituximab was refractory arthritis or interstitial lung disease',
        8, 8, 'proportion', 0.50, 4, 8, 'mixed',
        '1 g x 2 per cycle (printed as "1 g x 2 weeks"); mean 3.12 ± 2.1 cycles (range 1-7); median '
        'treatment duration 9 months',
        'Median 19 months after the first infusion; every patient followed for at least 12 months', 4,
        'Half of the patients (4 of 8) improved clinically, with pain scores down by at least 50% and '
        'no new inflammation or ulceration; in 2 of them (25% of the series) radiographs also showed '
        'the deposits gone or clearly smaller. Safety data could not be read on the record.');

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'traineau-2020'),
        (SELECT id FROM treatments WHERE slug = 'rituximab'),
        'systematic_review',
        '30 studies with 288 patients with SSc or dermatomyositis in all (split by disease not given)',
        'improved', 4,
        'The systematic review considered rituximab promising for calcinosis in both SSc and '
        'dermatomyositis. Most of the evidence the review found was of low level.');

-- Sodium thiosulfate --------------------------------------------------------------------------

INSERT INTO findings (source_id, treatment_id, design, population, n_ssc, n_total, outcome, regimen,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'tajalli-2019'),
        (SELECT id FROM treatments WHERE slug = 'topical-sodium-thiosulfate'),
        'case_report',
        'One patient with CREST syndrome (limited cutaneous SSc) and calcinosis of a fingertip',
        1, 1, 'improved',
        'Topical 20% sodium thiosulfate; frequency and duration not confirmed', 4,
        'A fingertip deposit in a patient with CREST syndrome responded to topical 20% sodium '
        'thiosulfate. The size of the response, the schedule and the follow-up could not be read on '
        'the record.');

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'traineau-2020'),
        (SELECT id FROM treatments WHERE slug = 'intralesional-sodium-thiosulfate'),
        'systematic_review',
        '30 studies with 288 patients with SSc or dermatomyositis in all (split by disease not given)',
        'improved', 4,
        'The systematic review sees intralesional sodium thiosulfate as a possibly promising '
        'alternative, on level IV evidence by the authors'' grading.');

-- Colchicine ----------------------------------------------------------------------------------

INSERT INTO findings (source_id, treatment_id, design, population, outcome, regimen, evidence_level,
                      statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016-management'),
        (SELECT id FROM treatments WHERE slug = 'colchicine'),
        'expert_review', 'Patients with SSc-associated calcinosis (expert management review)',
        NULL, '1 mg/day orally', 5,
        'The authors suggest oral colchicine for the inflammation around deposits.');

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'boulman-2005'),
        (SELECT id FROM treatments WHERE slug = 'colchicine'),
        'narrative_review',
        'Calcinosis in rheumatic diseases (MEDLINE literature 1972-2004); no SSc patient counts',
        'mixed', 5,
        'Colchicine is one of the agents that had been tried for calcinosis in connective tissue '
        'diseases; the review found none that convincingly prevented or reduced deposits.');

-- Intralesional triamcinolone -----------------------------------------------------------------

INSERT INTO findings (source_id, treatment_id, design, population, outcome, regimen, evidence_level,
                      statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016-management'),
        (SELECT id FROM treatments WHERE slug = 'intralesional-triamcinolone'),
        'expert_review', 'Patients with SSc-associated calcinosis (expert management review)',
        NULL, 'Triamcinolone acetonide 20 mg/mL injections', 5,
        'According to the authors, triamcinolone injections may ease the inflammation that develops '
        'around deposits.');

-- Carbon dioxide laser ------------------------------------------------------------------------

INSERT INTO findings (source_id, treatment_id, design, population, n_ssc, n_total, events, denominator,
                      outcome, adverse_effects, follow_up, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'bottomley-1996'),
        (SELECT id FROM treatments WHERE slug = 'co2-laser'),
        'case_series',
        '6 patients with limited cutaneous SSc; 21 symptomatic areas of digital calcification treated '
        '(events and denominator count areas, not patients)',
        6, 6, 12, 21, 'improved',
        'Postoperative infection in 2 patients, fully resolved with topical and oral antibiotics',
        'Median 20 months (range 12-40); average healing time 6 weeks (range 4-10)', 4,
        'Of 21 treated areas, symptoms cleared completely in 12, improved moderately or partly in 5, '
        'improved little in 2 and recurred in 2. The authors suggest the laser could spare many '
        'patients deforming surgery.');

-- Extracorporeal shock wave therapy -----------------------------------------------------------

INSERT INTO findings (source_id, treatment_id, design, population, n_ssc, n_total, events, denominator,
                      outcome, regimen, follow_up, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'blumhardt-2016'),
        (SELECT id FROM treatments WHERE slug = 'extracorporeal-shock-wave-therapy'),
        'prospective_cohort',
        '4 SSc patients, each with one treated painful finger and one untreated control finger',
        4, 4, 2, 4, 'mixed',
        'High-energy focused shock waves, 3 sessions one week apart, to one finger per patient',
        '12 weeks', 4,
        'Pain in the treated finger fell by 91% and 60% in 2 of the 4 patients; lesion size fell in 3 '
        'patients on ultrasound and in all 4 on CT, while the untreated fingers did not change. Safety '
        'results could not be read on the record.');

COMMIT;
