-- Seed content: recommendations, corrected review outcomes, and more treatment evidence.
--
-- 1. Recommendations the sources make: Traineau 2020 advises against low-dose warfarin; the expert
--    management review (Valenzuela & Chung 2016) suggests excision, minocycline, colchicine and
--    intralesional triamcinolone.
-- 2. Boulman 2005 lists agents without reporting a result for any of them, so its treatment
--    findings get no outcome (allowed for a narrative review) instead of 'mixed'.
-- 3. The agents Boulman lists that were not yet seeded (probenecid, aluminium hydroxide,
--    salicylate) are added, each citing Boulman and, like every other drug, the anchor review's
--    statement that drug therapies have given variable results. Boulman's mention of surgical
--    removal and the carbon dioxide laser is recorded on those existing treatments.
-- 4. Study-level evidence: one journal case report (Conde 2021: the record names "calcium channel
--    blockers", not a particular agent, so it gets a class-level record rather than diltiazem) and
--    two conference abstracts kept as grey literature (peer_reviewed = false, no PMID or DOI):
--    Fonseca 2019 (ACR/ARP, minocycline) and Fernandes 2023 (ACR Convergence, intravenous EDTA).
--    Both abstracts were read on acrabstracts.org with their author lists and numbers.
-- Evidence levels (Oxford CEBM 2011): case series, case reports and uncontrolled cohorts 4;
-- narrative and expert reviews 5.

BEGIN;

-- 1. Recommendations --------------------------------------------------------------------------

UPDATE findings
SET recommendation = 'against'
WHERE source_id = (SELECT id FROM sources WHERE slug = 'traineau-2020')
  AND treatment_id = (SELECT id FROM treatments WHERE slug = 'warfarin');

UPDATE findings
SET recommendation = 'for'
WHERE source_id = (SELECT id FROM sources WHERE slug = 'valenzuela-2016-management')
  AND treatment_id IN (SELECT id FROM treatments
                       WHERE slug IN ('surgical-excision', 'minocycline', 'colchicine',
                                      'intralesional-triamcinolone'));

-- 2. Boulman 2005 reports no per-drug results -------------------------------------------------

UPDATE findings
SET outcome = NULL
WHERE source_id = (SELECT id FROM sources WHERE slug = 'boulman-2005')
  AND treatment_id IN (SELECT id FROM treatments
                       WHERE slug IN ('diltiazem', 'minocycline', 'warfarin', 'bisphosphonates',
                                      'colchicine'));

-- 3 and 4. New sources and treatments ---------------------------------------------------------

INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                     verified_against, peer_reviewed)
VALUES
    -- Authors, title, journal, volume(issue), year and DOI printed on the publisher's page
    -- (acquaintpublications.com). No PMID seen; no page numbers printed.
    ('conde-2021',
     NULL,
     '10.38207/jmcrcs20210004',
     'Conde K, Igue K, Awada M, Guelngar CO, Diallo MH, Dore M',
     'Cutaneous Calcinosis in Limited Cutaneous Systemic Scleroderma: Clinical Case and Review of '
        'Therapeutic Options',
     'J Med Case Rep Case Series',
     2021,
     '2(2)',
     'case_report',
     'abstract',
     true),

    -- Grey literature: conference abstract on acrabstracts.org (2019 ACR/ARP Annual Meeting,
    -- abstract 2612). Not peer reviewed; no PMID or DOI.
    ('fonseca-2019',
     NULL,
     NULL,
     'Fonseca C, Ong V, Denton C',
     'Minocycline for Refractory Calcinosis in Systemic Sclerosis: A Single-Centre Observational '
        'Cohort Study',
     '2019 ACR/ARP Annual Meeting',
     2019,
     'Abstract 2612',
     'conference_abstract',
     'abstract',
     false),

    -- Grey literature: conference abstract on acrabstracts.org (ACR Convergence 2023, abstract
    -- 1525). Not peer reviewed; no PMID or DOI. The end of the results was cut off on the record.
    ('fernandes-2023',
     NULL,
     NULL,
     'Fernandes A, El-Meanawy A, Csuka ME',
     'Chelation Therapy in the Management of Calcinosis Associated with Systemic Sclerosis',
     'ACR Convergence 2023',
     2023,
     'Abstract 1525',
     'conference_abstract',
     'abstract',
     false);

INSERT INTO treatments (slug, name, category, drug_class, route, rationale, mainstay)
VALUES
    ('probenecid',
     'Probenecid',
     'pharmacologic', 'uricosuric agent', NULL,
     'Listed by a 2005 review among the agents tried for calcinosis in rheumatic diseases. The '
        'verified record gives no dose, route, rationale or result for it.',
     false),
    ('aluminium-hydroxide',
     'Aluminium hydroxide',
     'pharmacologic', 'aluminium-containing antacid', NULL,
     'Listed by a 2005 review among the agents tried for calcinosis in rheumatic diseases. The '
        'verified record gives no dose, route, rationale or result for it.',
     false),
    ('salicylate',
     'Salicylate',
     'pharmacologic', 'salicylate', NULL,
     'Listed by a 2005 review among the agents tried for calcinosis in rheumatic diseases. The '
        'verified record names no particular salicylate and gives no dose, route, rationale or result.',
     false),
    ('calcium-channel-blockers',
     'Calcium channel blockers (agent not named)',
     'pharmacologic', 'calcium channel blocker', NULL,
     'For reports that name the drug class but not the drug; diltiazem, which belongs to the class, '
        'has its own record. The verified source gives no agent, dose or rationale.',
     false),
    ('intravenous-edta',
     'EDTA chelation, intravenous',
     'pharmacologic', 'chelating agent', 'intravenous',
     'Chelation therapy with EDTA given by infusion, tried in a very small SSc series with the aim '
        'of stopping deposits from progressing. The verified record gives no further rationale.',
     false);

-- Anchor review: the same statement as for every other drug (see 000007).
INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
SELECT (SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
       t.id,
       'narrative_review', 'Patients with SSc (literature review)', 'mixed', 5,
       'The review''s abstract reports that several drug therapies have been tried for calcinosis with '
       'variable results and keeps surgical excision as the mainstay; it names no individual drug.'
FROM treatments AS t
WHERE t.slug IN ('probenecid', 'aluminium-hydroxide', 'salicylate', 'calcium-channel-blockers',
                 'intravenous-edta');

-- Boulman 2005: the three agents added here ---------------------------------------------------

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'boulman-2005'),
        (SELECT id FROM treatments WHERE slug = 'probenecid'),
        'narrative_review',
        'Calcinosis in rheumatic diseases (MEDLINE literature 1972-2004); no SSc patient counts',
        NULL, 5,
        'Probenecid is among the agents the review lists as tried for calcinosis in connective tissue '
        'diseases; it found no treatment that convincingly prevented or reduced deposits and reports '
        'no result for probenecid itself.');

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'boulman-2005'),
        (SELECT id FROM treatments WHERE slug = 'aluminium-hydroxide'),
        'narrative_review',
        'Calcinosis in rheumatic diseases (MEDLINE literature 1972-2004); no SSc patient counts',
        NULL, 5,
        'Aluminium hydroxide is among the agents the review lists as tried for calcinosis in connective '
        'tissue diseases; it found no treatment that convincingly prevented or reduced deposits and '
        'reports no result for this one.');

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'boulman-2005'),
        (SELECT id FROM treatments WHERE slug = 'salicylate'),
        'narrative_review',
        'Calcinosis in rheumatic diseases (MEDLINE literature 1972-2004); no SSc patient counts',
        NULL, 5,
        'Salicylate is among the agents the review lists as tried for calcinosis in connective tissue '
        'diseases; it found no treatment that convincingly prevented or reduced deposits and reports '
        'no result for salicylate itself.');

-- Boulman 2005: surgical removal and the carbon dioxide laser ---------------------------------

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'boulman-2005'),
        (SELECT id FROM treatments WHERE slug = 'surgical-excision'),
        'narrative_review',
        'Calcinosis in rheumatic diseases (MEDLINE literature 1972-2004); no SSc patient counts',
        NULL, 5,
        'Surgical removal is on the review''s list of treatments used for calcinosis in rheumatic '
        'diseases. The review concludes that no treatment had convincingly prevented or reduced '
        'calcinosis, and it reports no result for surgery itself.');

INSERT INTO findings (source_id, treatment_id, design, population, outcome, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'boulman-2005'),
        (SELECT id FROM treatments WHERE slug = 'co2-laser'),
        'narrative_review',
        'Calcinosis in rheumatic diseases (MEDLINE literature 1972-2004); no SSc patient counts',
        NULL, 5,
        'The carbon dioxide laser is on the review''s list of treatments used for calcinosis in '
        'rheumatic diseases. The review concludes that no treatment had convincingly prevented or '
        'reduced calcinosis, and it reports no result for the laser itself.');

-- Conde 2021: one patient, three drugs in turn, none effective ----------------------------------

INSERT INTO findings (source_id, treatment_id, design, population, n_ssc, n_total, outcome, regimen,
                      evidence_level, statement)
SELECT (SELECT id FROM sources WHERE slug = 'conde-2021'),
       t.id,
       'case_report',
       'One 68-year-old woman with limited cutaneous SSc since 2012 and diffuse calcinosis of the '
       'elbows, knees and hands',
       1, 1, 'no_effect',
       'Calcium channel blockers, then colchicine, then bisphosphonates; agents, doses and durations '
       'not given on the record',
       4,
       'In 2018 (SSc known since 2012) the patient developed painful, swollen subcutaneous nodules '
       'at pressure sites and on the hands, with large bilateral calcifications on radiographs. Calcium '
       'channel blockers, colchicine and then bisphosphonates were tried, and none changed the '
       'calcinosis.'
FROM treatments AS t
WHERE t.slug IN ('calcium-channel-blockers', 'colchicine', 'bisphosphonates');

-- Fonseca 2019 (grey literature): minocycline -------------------------------------------------

INSERT INTO findings (source_id, treatment_id, design, population, n_ssc, n_total,
                      measure, estimate, events, denominator, outcome, regimen, adverse_effects,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'fonseca-2019'),
        (SELECT id FROM treatments WHERE slug = 'minocycline'),
        'retrospective_cohort',
        '78 SSc patients given minocycline for severe calcinosis at one tertiary centre (London); most '
        'had had SSc for more than 10 years',
        78, 78, 'proportion', 0.436, 34, 78, 'mixed',
        '50-200 mg daily by mouth, mostly as repeated courses of 6-12 weeks',
        'Minor adverse events in 25.6%, including skin pigmentation after 10 years of use in one '
        'patient; the rest of the list was cut off on the record',
        4,
        'In this conference abstract (not peer reviewed), 34 of 78 patients (43.6%) reported that their '
        'calcinosis symptoms improved; response was recorded as subjective improvement or none. '
        'Response was similar across autoantibody groups except anti-RNA polymerase, where 88.9% '
        'improved (p < 0.005).');

-- Fernandes 2023 (grey literature): intravenous EDTA ------------------------------------------

INSERT INTO findings (source_id, treatment_id, design, population, n_ssc, n_total, outcome, regimen,
                      follow_up, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'fernandes-2023'),
        (SELECT id FROM treatments WHERE slug = 'intravenous-edta'),
        'case_series',
        '3 women with SSc and calcinosis (2 limited, 1 diffuse cutaneous; median age 63), the only '
        'ones of 34 patients with SSc calcinosis who accepted treatment',
        3, 3, 'mixed',
        'EDTA 1.5 g in 500 mL by intravenous infusion once a week for 12 weeks; 2 patients had all 12 '
        'infusions and 1 stopped after 7 for financial reasons',
        '12 weeks of treatment',
        4,
        'In this conference abstract (not peer reviewed), none of the 3 patients showed clinical or '
        'radiographic progression during treatment; the primary endpoint was no radiographic '
        'progression at 12 weeks. Whether any deposit shrank, and any adverse effects, could not be '
        'read on the record, so the outcome is coded mixed rather than improved.');

COMMIT;
