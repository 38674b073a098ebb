-- Seed content: clinical, serologic, radiographic, vascular and bone features associated with
-- calcinosis in SSc, each with the study findings behind it.
--
-- Evidence levels (Oxford CEBM 2011): multivariable cohort or registry estimates 3; unadjusted
-- comparisons and small studies 4; the anchor review's statements 5.
-- The five features named in the anchor review's abstract have in_review = true and a finding that
-- cites it; the others come from later or primary studies only (in_review = false).

BEGIN;

INSERT INTO associated_features (slug, name, category, description, in_review)
VALUES
    ('longer-disease-duration',
     'Longer disease duration',
     'clinical',
     'Having had SSc for longer. Studies count duration from disease onset, for example from the '
        'first symptom other than Raynaud''s phenomenon.',
     true),
    ('digital-ulcers',
     'Digital ulcers',
     'vascular',
     'Ulcers of the fingers, a manifestation of the digital vasculopathy of SSc. They are linked to '
        'having calcinosis and, in one prospective cohort, to its radiographic progression.',
     true),
    ('acro-osteolysis',
     'Acro-osteolysis',
     'radiographic',
     'Resorption of the bone of the finger tips (terminal phalanges), seen on hand radiographs.',
     true),
    ('anticentromere-antibody',
     'Anticentromere antibody',
     'serologic',
     'Anticentromere antibody (ACA) positivity, typical of the limited cutaneous (CREST) form of SSc.',
     true),
    ('anti-pm-scl-antibody',
     'Anti-PM/Scl antibody',
     'serologic',
     'Positivity for the anti-PM/Scl autoantibody.',
     true),
    ('osteoporosis',
     'Osteoporosis',
     'bone',
     'Osteoporosis or low bone mineral density. Linked to calcinosis in a large international cohort '
        'published after the anchor review.',
     false),
    ('digital-ischaemia',
     'Digital ischaemia',
     'vascular',
     'Ischaemic damage to the fingers: digital ulcers, necrosis, loss of finger pulp or amputation. '
        'Both its presence and the number of digits affected have been tied to calcinosis.',
     false),
    ('nailfold-capillary-abnormalities',
     'Nailfold capillary abnormalities',
     'vascular',
     'Loss of nailfold capillaries (capillary dropout) and giant capillaries on capillaroscopy, '
        'markers of the SSc microvasculopathy.',
     false),
    ('anti-scl-70-antibody',
     'Anti-Scl-70 (anti-topoisomerase I) antibody',
     'serologic',
     'Anti-Scl-70 antibody positivity. Reported less often in patients with calcinosis than in those '
        'without.',
     false),
    ('anti-rna-polymerase-iii-antibody',
     'Anti-RNA polymerase III antibody',
     'serologic',
     'Anti-RNA polymerase III antibody positivity. Cohorts disagree: one found it more often with '
        'calcinosis, another less often.',
     false);

-- Longer disease duration ---------------------------------------------------------------------

INSERT INTO findings (source_id, associated_feature_id, design, population, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
        (SELECT id FROM associated_features WHERE slug = 'longer-disease-duration'),
        'narrative_review', 'Patients with SSc (literature review)', 'positive', 5,
        'The review counts a longer duration of SSc among the features that go with calcinosis.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, p_value, p_relation, adjusted, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2020'),
        (SELECT id FROM associated_features WHERE slug = 'longer-disease-duration'),
        'cross_sectional',
        '568 consecutive SSc patients at 10 centres in North America, Australia and Mexico; 215 with calcinosis',
        568, 568, 'odds_ratio', 1.24, 0.029, '=', true, 'positive', 3,
        'Disease duration stayed independently associated with calcinosis in the multivariable model '
        '(OR 1.24, p = 0.029). The abstract gives neither a confidence interval nor the unit of duration '
        'the odds ratio refers to.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016'),
        (SELECT id FROM associated_features WHERE slug = 'longer-disease-duration'),
        'retrospective_cohort',
        '5218 SSc patients in the SCTC cohort, 1290 with calcinosis',
        5218, 5218, false, 'positive', 4,
        'In the unadjusted comparison, patients with calcinosis had had SSc for longer, counting from '
        'their first symptom other than Raynaud''s phenomenon. No p value is given in the abstract.');

-- Digital ulcers ------------------------------------------------------------------------------

INSERT INTO findings (source_id, associated_feature_id, design, population, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
        (SELECT id FROM associated_features WHERE slug = 'digital-ulcers'),
        'narrative_review', 'Patients with SSc (literature review)', 'positive', 5,
        'The review names digital ulcers as a feature associated with calcinosis.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, ci_low, ci_high, p_value, p_relation, adjusted, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016'),
        (SELECT id FROM associated_features WHERE slug = 'digital-ulcers'),
        'retrospective_cohort',
        '5218 SSc patients in the SCTC cohort, 1290 with calcinosis',
        5218, 5218, 'odds_ratio', 3.9, 2.7, 5.5, 0.0001, '<', true, 'positive', 3,
        'After multivariable adjustment, digital ulcers were linked to close to four-fold higher odds '
        'of calcinosis (OR 3.9, 95% CI 2.7-5.5, p < 0.0001).');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, ci_low, ci_high, adjusted, direction, follow_up,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'avouac-2011'),
        (SELECT id FROM associated_features WHERE slug = 'digital-ulcers'),
        'prospective_cohort',
        '103 consecutively recruited SSc patients with hand radiographs at two time points',
        103, 103, 'hazard_ratio', 3.16, 1.22, 9.43, true, 'positive',
        'Hand radiographs a median of 5 years apart (range 4-7)', 3,
        'Calcinosis progressed on radiographs in 27 of 103 patients. In the multivariate Cox model, '
        'digital ulcers were an independent predictor of that progression (HR 3.16, 95% CI 1.22-9.43); '
        'no p value is printed.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'avouac-2006'),
        (SELECT id FROM associated_features WHERE slug = 'digital-ulcers'),
        'cross_sectional',
        '120 consecutive SSc patients (42 controls with RA or digital trauma not counted here)',
        120, 120, false, 'positive', 4,
        'Calcinosis on hand radiographs was found mostly in patients who had digital ulcers. The abstract '
        'reports no effect size or p value for this.');

-- Acro-osteolysis -----------------------------------------------------------------------------

INSERT INTO findings (source_id, associated_feature_id, design, population, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
        (SELECT id FROM associated_features WHERE slug = 'acro-osteolysis'),
        'narrative_review', 'Patients with SSc (literature review)', 'positive', 5,
        'The review lists acro-osteolysis among the features associated with calcinosis.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, p_value, p_relation, adjusted, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2020'),
        (SELECT id FROM associated_features WHERE slug = 'acro-osteolysis'),
        'cross_sectional',
        '568 consecutive SSc patients at 10 centres in North America, Australia and Mexico; 215 with calcinosis',
        568, 568, 'odds_ratio', 2.97, 0.008, '=', true, 'positive', 3,
        'Acro-osteolysis was independently associated with calcinosis in the multivariable analysis '
        '(OR 2.97, p = 0.008; no confidence interval in the abstract).');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016'),
        (SELECT id FROM associated_features WHERE slug = 'acro-osteolysis'),
        'retrospective_cohort',
        '5218 SSc patients in the SCTC cohort, 1290 with calcinosis',
        5218, 5218, false, 'positive', 4,
        'Acro-osteolysis was more frequent in patients with calcinosis in the unadjusted comparison '
        '(no p value in the abstract).');

-- Anticentromere antibody ---------------------------------------------------------------------

INSERT INTO findings (source_id, associated_feature_id, design, population, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
        (SELECT id FROM associated_features WHERE slug = 'anticentromere-antibody'),
        'narrative_review', 'Patients with SSc (literature review)', 'positive', 5,
        'According to the review, a positive anticentromere antibody is associated with calcinosis.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, ci_low, ci_high, adjusted, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'baron-2016'),
        (SELECT id FROM associated_features WHERE slug = 'anticentromere-antibody'),
        'cross_sectional',
        '1305 SSc patients at entry into a multicentre cohort; 300 with calcinosis',
        1305, 1305, 'odds_ratio', 1.68, 1.17, 2.43, true, 'positive', 3,
        'In the multivariate analysis at study entry, anticentromere antibody was associated with '
        'calcinosis (OR 1.68, 95% CI 1.17-2.43).');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, comparator_estimate, comparison, adjusted, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'steen-1984'),
        (SELECT id FROM associated_features WHERE slug = 'anticentromere-antibody'),
        'cross_sectional',
        '141 patients with the CREST variant of SSc: 69 ACA-positive and 72 ACA-negative',
        141, 141, 'frequency_comparison', 0.55, 0.22,
        'ACA-negative patients with the CREST variant (n = 72)', false, 'positive', 4,
        'Among patients with the CREST variant, calcinosis occurred in 55% of the 69 who were '
        'anticentromere-positive against 22% of the 72 who were negative. The authors report that '
        'the differences persisted when patients were stratified by disease duration; the abstract '
        'gives no p value for calcinosis itself.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      p_value, p_relation, adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'vayssairat-1998'),
        (SELECT id FROM associated_features WHERE slug = 'anticentromere-antibody'),
        'cross_sectional',
        '47 SSc patients compared by presence or absence of subcutaneous calcinosis',
        47, 47, 0.003, '=', false, 'positive', 4,
        'Anticentromere antibody was more frequent in the patients who had subcutaneous calcinosis '
        '(p = 0.003).');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016'),
        (SELECT id FROM associated_features WHERE slug = 'anticentromere-antibody'),
        'retrospective_cohort',
        '5218 SSc patients in the SCTC cohort, 1290 with calcinosis',
        5218, 5218, false, 'positive', 4,
        'Anticentromere antibody was found more often in patients with calcinosis. The abstract gives '
        'no adjusted estimate or p value for it.');

-- Anti-PM/Scl antibody ------------------------------------------------------------------------

INSERT INTO findings (source_id, associated_feature_id, design, population, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
        (SELECT id FROM associated_features WHERE slug = 'anti-pm-scl-antibody'),
        'narrative_review', 'Patients with SSc (literature review)', 'positive', 5,
        'The review reports that a positive anti-PM/Scl antibody is associated with calcinosis.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016'),
        (SELECT id FROM associated_features WHERE slug = 'anti-pm-scl-antibody'),
        'retrospective_cohort',
        '5218 SSc patients in the SCTC cohort, 1290 with calcinosis',
        5218, 5218, false, 'positive', 4,
        'Anti-PM/Scl antibody was found more often in patients with calcinosis. The abstract gives no '
        'adjusted estimate or p value for it.');

-- Osteoporosis --------------------------------------------------------------------------------

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, ci_low, ci_high, p_value, p_relation, adjusted, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016'),
        (SELECT id FROM associated_features WHERE slug = 'osteoporosis'),
        'retrospective_cohort',
        '5218 SSc patients in the SCTC cohort, 1290 with calcinosis',
        5218, 5218, 'odds_ratio', 4.2, 2.3, 7.9, 0.0001, '<', true, 'positive', 3,
        'Osteoporosis was independently associated with calcinosis after multivariable adjustment '
        '(OR 4.2, 95% CI 2.3-7.9, p < 0.0001); the authors present this link as a new one.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      p_value, p_relation, adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2020'),
        (SELECT id FROM associated_features WHERE slug = 'osteoporosis'),
        'cross_sectional',
        'Subset of 68 patients with bone densitometry (DXA), from 568 consecutive SSc patients at 10 centres',
        68, 68, 0.004, '=', false, 'positive', 4,
        'In the patients who had DXA scans, bone density was lower with calcinosis: median T-score -2.2 '
        'against -1.7 without calcinosis (p = 0.004).');

-- Digital ischaemia ---------------------------------------------------------------------------

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, ci_low, ci_high, adjusted, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'baron-2016'),
        (SELECT id FROM associated_features WHERE slug = 'digital-ischaemia'),
        'cross_sectional',
        '1305 SSc patients at entry into a multicentre cohort; 300 with calcinosis',
        1305, 1305, 'odds_ratio', 2.37, 1.66, 3.39, true, 'positive', 3,
        'Digital ischaemia (digital ulcers, necrosis, pulp loss or amputation) was associated with '
        'calcinosis in the multivariate analysis at study entry (OR 2.37, 95% CI 1.66-3.39).');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, ci_low, ci_high, adjusted, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'baron-2016'),
        (SELECT id FROM associated_features WHERE slug = 'digital-ischaemia'),
        'cross_sectional',
        '1305 SSc patients at entry into a multicentre cohort; 300 with calcinosis',
        1305, 1305, 'odds_ratio', 1.12, 1.06, 1.18, true, 'positive', 3,
        'The more digits affected by ischaemia, the higher the odds of calcinosis (OR 1.12 per '
        'affected digit, 95% CI 1.06-1.18, multivariate analysis at study entry).');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, p_value, p_relation, adjusted, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2020'),
        (SELECT id FROM associated_features WHERE slug = 'digital-ischaemia'),
        'cross_sectional',
        '568 consecutive SSc patients at 10 centres in North America, Australia and Mexico; 215 with calcinosis',
        568, 568, 'odds_ratio', 1.8, 0.002, '=', true, 'positive', 3,
        'Digital ischaemia was independently associated with calcinosis in the multivariable model '
        '(OR 1.8, p = 0.002; no confidence interval in the abstract).');

-- Nailfold capillary abnormalities ------------------------------------------------------------

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, ci_low, ci_high, adjusted, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'baron-2016'),
        (SELECT id FROM associated_features WHERE slug = 'nailfold-capillary-abnormalities'),
        'cross_sectional',
        '1305 SSc patients at entry into a multicentre cohort; 300 with calcinosis',
        1305, 1305, 'odds_ratio', 1.41, 1.05, 1.89, true, 'positive', 3,
        'Capillary dropout was associated with calcinosis in the multivariate analysis at study entry '
        '(OR 1.41, 95% CI 1.05-1.89).');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      p_value, p_relation, adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'vayssairat-1998'),
        (SELECT id FROM associated_features WHERE slug = 'nailfold-capillary-abnormalities'),
        'cross_sectional',
        '47 SSc patients compared by presence or absence of subcutaneous calcinosis',
        47, 47, 0.03, '=', false, 'positive', 4,
        'Patients with calcinosis had fewer nailfold capillaries than those without (p = 0.03).');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      p_value, p_relation, adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'vayssairat-1998'),
        (SELECT id FROM associated_features WHERE slug = 'nailfold-capillary-abnormalities'),
        'cross_sectional',
        '47 SSc patients compared by presence or absence of subcutaneous calcinosis',
        47, 47, 0.048, '=', false, 'positive', 4,
        'Giant nailfold capillaries were more frequent in patients with calcinosis (p = 0.048).');

-- Anti-Scl-70 antibody ------------------------------------------------------------------------

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016'),
        (SELECT id FROM associated_features WHERE slug = 'anti-scl-70-antibody'),
        'retrospective_cohort',
        '5218 SSc patients in the SCTC cohort, 1290 with calcinosis',
        5218, 5218, false, 'negative', 4,
        'Anti-Scl-70 antibody was significantly less common in patients with calcinosis. The abstract '
        'gives no effect size or p value.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      p_value, p_relation, adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'vayssairat-1998'),
        (SELECT id FROM associated_features WHERE slug = 'anti-scl-70-antibody'),
        'cross_sectional',
        '47 SSc patients compared by presence or absence of subcutaneous calcinosis',
        47, 47, 0.01, '=', false, 'negative', 4,
        'Anti-Scl-70 antibody was less frequent in patients with subcutaneous calcinosis (p = 0.01).');

-- Anti-RNA polymerase III antibody: the two cohorts disagree; both findings are kept -----------

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'baron-2016'),
        (SELECT id FROM associated_features WHERE slug = 'anti-rna-polymerase-iii-antibody'),
        'cross_sectional',
        '1305 SSc patients at entry into a multicentre cohort; 300 with calcinosis',
        1305, 1305, 'odds_ratio', 1.77, true, 'positive', 3,
        'Anti-RNA polymerase III antibody was associated with calcinosis in the multivariate analysis '
        'at study entry (OR 1.77). Its confidence interval and p value could not be read on the record.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016'),
        (SELECT id FROM associated_features WHERE slug = 'anti-rna-polymerase-iii-antibody'),
        'retrospective_cohort',
        '5218 SSc patients in the SCTC cohort, 1290 with calcinosis',
        5218, 5218, false, 'negative', 4,
        'In contrast with the Baron cohort, anti-RNA polymerase III antibody was significantly less '
        'common in patients with calcinosis here. The abstract gives no effect size or p value.');

COMMIT;
