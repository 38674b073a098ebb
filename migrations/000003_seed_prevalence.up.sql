-- Seed content: how common calcinosis is in SSc.
-- One review summary (the anchor review gives the share in words) and the cohort estimates whose
-- counts were confirmed on the published abstract. Percentages are as published.

BEGIN;

INSERT INTO prevalence_estimates
    (slug, cohort, kind, design, definition, n, cases, percent, approximate, source_id, statement)
VALUES
    ('valenzuela-2015-review-summary',
     'Patients with systemic sclerosis (summary of the literature reviewed)',
     'review_summary',
     'Narrative review',
     'Not stated in the review abstract',
     NULL,
     NULL,
     25,
     true,
     (SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
     'The review puts the share of SSc patients with calcinosis cutis at almost a quarter; it gives '
        'the figure in words, not as a count.'),

    ('sctc-2016-any-time',
     'Scleroderma Clinical Trials Consortium (SCTC): international multicentre SSc cohort',
     'cohort',
     'Retrospective cohort',
     'Calcinosis recorded at any time during the course of SSc; the abstract does not say how it was '
        'ascertained',
     5218,
     1290,
     24.7,
     false,
     (SELECT id FROM sources WHERE slug = 'valenzuela-2016'),
     'Of 5218 SSc patients in the SCTC cohort, 1290 (24.7%) had had calcinosis at some point, which '
        'the authors summarise as about one patient in four.'),

    ('baron-2016-study-entry',
     'Multicentre SSc cohort followed with yearly assessments (Baron 2016)',
     'cohort',
     'Cross-sectional analysis at entry into a longitudinal multicentre cohort',
     'Calcinosis present at the study-entry visit',
     1305,
     300,
     23.0,
     false,
     (SELECT id FROM sources WHERE slug = 'baron-2016'),
     'At their first study visit, 300 of 1305 SSc patients (23.0%) had calcinosis.'),

    ('valenzuela-2020-ten-centres',
     'Consecutive SSc patients (2013 ACR/EULAR criteria) at 10 centres in North America, Australia '
        'and Mexico',
     'cohort',
     'Multicentre cohort of consecutive patients',
     'Calcinosis seen on imaging and/or on examination, or a clear history of calcium being extruded',
     568,
     215,
     38,
     false,
     (SELECT id FROM sources WHERE slug = 'valenzuela-2020'),
     'Calcinosis was found in 215 of 568 consecutive SSc patients, reported as 38%; the hands were '
        'the most frequent site.'),

    ('avouac-2006-hand-radiographs',
     'Consecutive SSc patients at one French centre (Cochin Hospital, Paris)',
     'cohort',
     'Cross-sectional study with control groups',
     'Calcinosis visible on hand radiographs',
     120,
     NULL,
     23,
     false,
     (SELECT id FROM sources WHERE slug = 'avouac-2006'),
     'Hand radiographs showed calcinosis in 23% of 120 consecutive SSc patients; it was seen about '
        'as often in the diffuse as in the limited subset.');

COMMIT;
