-- Seed content: how calcinosis is found and followed.
--
-- The anchor review treats clinical examination and plain radiography as the standard ways to make
-- the diagnosis, and ultrasonography, multidetector CT and dual-energy CT as experimental.
-- Text fields keep to what the verified records show; where nothing was verified, they say so.
-- Evidence levels (Oxford CEBM 2011, diagnosis): cross-sectional studies of consecutive patients 3;
-- very small studies 4; the review 5.

BEGIN;

INSERT INTO diagnostic_modalities (slug, name, role, shows, strengths, limitations, in_review)
VALUES
    ('clinical-examination',
     'Clinical examination',
     'standard',
     'Deposits that can be seen or felt in the skin and subcutaneous tissue, most often on the hands, '
        'and their local complications: tenderness, calcium extruding through the skin, ulceration '
        'and infection.',
     'Needs no equipment, and the review accepts a diagnosis made on clinical grounds. It also records '
        'the complications that matter to patients: in a large multicentre cohort, 29% of those with '
        'calcinosis had tender deposits, 20% spontaneous extrusion and 2% infection.',
     'Only finds deposits that are visible or palpable. No verified study in this knowledge base '
        'measured how many deposits seen on imaging examination misses.',
     true),
    ('plain-radiography',
     'Plain radiography',
     'standard',
     'Calcium deposits in the soft tissues as radio-opaque shadows; hand films show bone changes '
        'such as acro-osteolysis and erosions at the same time.',
     'The standard imaging test named by the review. Hand films showed calcinosis in 23% and 36% of '
        'consecutive SSc patients in two cohorts, as often as ultrasonography did in the second, and '
        'repeat films taken years apart can document progression.',
     'A single projection. In the one verified head-to-head study it found calcification no more '
        'often than ultrasonography (36% vs 40%). No verified study here reports its sensitivity or '
        'specificity against a reference standard.',
     true),
    ('ultrasonography',
     'Ultrasonography',
     'experimental',
     'Soft-tissue calcifications in the hand, and in the same examination synovitis, tenosynovitis '
        'and sclerosing tenosynovitis.',
     'Detected calcification as often as radiographs in consecutive SSc patients; soft-tissue '
        'calcification on ultrasound was one of the findings that told SSc apart from rheumatoid '
        'arthritis. It has also been used to measure lesion size in a treatment study.',
     'Experimental according to the review. The verified evidence is one single-centre '
        'cross-sectional study of 52 patients and a 4-patient pilot; neither reports sensitivity or '
        'specificity against a reference standard, and in the pilot ultrasound and CT did not agree '
        'on every lesion.',
     true),
    ('multidetector-ct',
     'Multidetector computed tomography',
     'experimental',
     'Calcium deposits on cross-sectional CT images of the affected region.',
     'As a cross-sectional technique it can place deposits in depth rather than on a single '
        'projection; the review lists it among diagnostic approaches under study.',
     'Experimental according to the review. No study of multidetector CT in SSc calcinosis was '
        'verified for this knowledge base, so its accuracy, reliability and added value over '
        'radiography are not established here. It uses ionising radiation.',
     true),
    ('dual-energy-ct',
     'Dual-energy computed tomography',
     'experimental',
     'Calcium deposits on CT acquired at two X-ray energies, which lets tissues be told apart by how '
        'they absorb each energy.',
     'Listed by the review among diagnostic approaches under study. In principle, the two-energy '
        'acquisition adds information on what a deposit is made of that single-energy CT lacks.',
     'Experimental according to the review. No peer-reviewed study of dual-energy CT in SSc '
        'calcinosis was verified for this knowledge base, so its accuracy and place in practice are '
        'not established here. It uses ionising radiation.',
     true);

-- Clinical examination ------------------------------------------------------------------------

INSERT INTO findings (source_id, diagnostic_modality_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'clinical-examination'),
        'narrative_review', 'Patients with SSc (literature review)', 5,
        'The review states that calcinosis can be diagnosed on clinical grounds.');

-- Plain radiography ---------------------------------------------------------------------------

INSERT INTO findings (source_id, diagnostic_modality_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'plain-radiography'),
        'narrative_review', 'Patients with SSc (literature review)', 5,
        'The review names plain radiography, alongside clinical examination, as a way to make the '
        'diagnosis.');

INSERT INTO findings (source_id, diagnostic_modality_id, design, population, n_ssc, n_total,
                      measure, estimate, comparator_estimate, comparison, p_value, p_relation,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'elhai-2012'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'plain-radiography'),
        'cross_sectional',
        '52 consecutive SSc patients (24 rheumatoid arthritis controls not counted here)',
        52, 52, 'frequency_comparison', 0.36, 0.40, 'ultrasonography in the same 52 patients',
        0.8, '=', 3,
        'Radiographs showed calcifications in 36% of patients, against 40% on ultrasound; the '
        'difference was not significant (p = 0.8).');

INSERT INTO findings (source_id, diagnostic_modality_id, design, population, n_ssc, n_total,
                      measure, estimate, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'avouac-2006'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'plain-radiography'),
        'cross_sectional',
        '120 consecutive SSc patients (42 controls with RA or digital trauma not counted here)',
        120, 120, 'proportion', 0.23, 3,
        'Hand radiographs showed calcinosis in 23% of consecutive SSc patients; the same films also '
        'showed acro-osteolysis (22%), erosions (21%) and flexion contractures (27%).');

INSERT INTO findings (source_id, diagnostic_modality_id, design, population, n_ssc, n_total,
                      events, denominator, follow_up, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'avouac-2011'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'plain-radiography'),
        'prospective_cohort',
        '103 consecutively recruited SSc patients with hand radiographs at two time points',
        103, 103, 27, 103,
        'Hand radiographs a median of 5 years apart (range 4-7)', 3,
        'Comparing hand films taken a median of five years apart showed calcinosis progressing in 27 '
        'of 103 patients, so serial radiographs can be used to follow the disease.');

-- Ultrasonography -----------------------------------------------------------------------------

INSERT INTO findings (source_id, diagnostic_modality_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'ultrasonography'),
        'narrative_review', 'Patients with SSc (literature review)', 5,
        'The review classes ultrasonography as an experimental diagnostic approach for calcinosis.');

INSERT INTO findings (source_id, diagnostic_modality_id, design, population, n_ssc, n_total,
                      measure, estimate, comparator_estimate, comparison, p_value, p_relation,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'elhai-2012'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'ultrasonography'),
        'cross_sectional',
        '52 consecutive SSc patients (24 rheumatoid arthritis controls not counted here)',
        52, 52, 'frequency_comparison', 0.40, 0.36, 'plain radiographs in the same 52 patients',
        0.8, '=', 3,
        'Hand ultrasound found calcifications in 40% of consecutive SSc patients, against 36% on '
        'radiographs (p = 0.8): the two detected calcification about equally often.');

INSERT INTO findings (source_id, diagnostic_modality_id, design, population, n_ssc, n_total,
                      p_value, p_relation, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'elhai-2012'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'ultrasonography'),
        'cross_sectional',
        '52 consecutive SSc patients compared with 24 rheumatoid arthritis controls',
        52, 76, 0.01, '=', 3,
        'Soft-tissue calcification on ultrasound was one of two findings specific to SSc when compared '
        'with rheumatoid arthritis (p = 0.01); sclerosing tenosynovitis was the other.');

INSERT INTO findings (source_id, diagnostic_modality_id, design, population, n_ssc, n_total,
                      follow_up, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'blumhardt-2016'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'ultrasonography'),
        'prospective_cohort',
        '4 SSc patients in a single-centre shock wave therapy pilot',
        4, 4, '12 weeks', 4,
        'Ultrasound was one of the outcome measures of lesion size in a small treatment pilot. It '
        'showed shrinkage of the treated lesion in 3 of 4 patients, whereas CT showed it in all 4.');

-- Multidetector CT ----------------------------------------------------------------------------

INSERT INTO findings (source_id, diagnostic_modality_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'multidetector-ct'),
        'narrative_review', 'Patients with SSc (literature review)', 5,
        'The review lists multidetector CT among experimental diagnostic studies for calcinosis.');

-- Dual-energy CT ------------------------------------------------------------------------------

INSERT INTO findings (source_id, diagnostic_modality_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'dual-energy-ct'),
        'narrative_review', 'Patients with SSc (literature review)', 5,
        'The review lists dual-energy CT among experimental diagnostic studies for calcinosis.');

COMMIT;
