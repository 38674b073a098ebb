-- Seed content: more associated features, and the SSc status of the vascular-hypoxia mechanism.
--
-- New source: Sampaio-Barros 2019, a case-control study of 36 women with limited SSc and
-- calcinosis and 36 without, matched for age, disease duration and body mass index. Its
-- regression estimates are stored as adjusted; its group comparisons as unadjusted.
-- New features also come from results already verified for seeded sources: the univariate
-- comparisons of the SCTC cohort (Valenzuela 2016; the abstract gives no p values or effect sizes
-- for them) and the telangiectasia result of Vayssairat 1998.
-- No diagnostic-modality study beyond those already seeded met the source rules, so
-- no modality finding is added.
-- Evidence levels (Oxford CEBM 2011): case-control and unadjusted comparisons 4.
-- Finally, vascular hypoxia is marked as studied in SSc: its cohort findings (Baron 2016,
-- Valenzuela 2020) are in SSc patients.

BEGIN;

-- Authors, title, journal, volume, issue and pages printed on the publisher's page
-- (link.springer.com); the year (11/2019) printed on Springer's portal springermedizin.de.
-- The DOI was seen only in the publisher page's address and on a PubMed mirror, and the PMID
-- only in a mirror's address, so both stay NULL.
INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                     verified_against, peer_reviewed)
VALUES ('sampaio-barros-2019',
        NULL,
        NULL,
        'Sampaio-Barros MM, Castelo Branco LCM, Takayama L, Pontes Filho MAG, Sampaio-Barros PD, '
           'Pereira RMR',
        'Acroosteolysis and bone metabolism parameters distinguish female patients with limited '
           'systemic sclerosis with and without calcinosis: a case control study',
        'Clin Rheumatol',
        2019,
        '38(11):3189-3193',
        'journal_article',
        'abstract',
        true);

INSERT INTO associated_features (slug, name, category, description, in_review)
VALUES
    ('higher-serum-phosphorus',
     'Higher serum phosphorus',
     'bone',
     'A higher serum phosphorus level, one of the bone metabolism parameters that set women with '
        'limited SSc and calcinosis apart from matched women without it in one case-control study.',
     false),
    ('higher-skin-score',
     'Higher modified Rodnan skin score',
     'clinical',
     'More extensive skin thickening on the modified Rodnan skin score (mRSS). Seen with calcinosis '
        'in one case-control study of women with limited SSc.',
     false),
    ('higher-serum-25-hydroxyvitamin-d',
     'Higher serum 25-hydroxyvitamin D',
     'bone',
     'A higher serum 25-hydroxyvitamin D level, found in women with limited SSc and calcinosis in one '
        'case-control study (unadjusted comparison only).',
     false),
    ('current-glucocorticoid-use',
     'Current glucocorticoid use',
     'clinical',
     'Taking glucocorticoids at the time of study. Less common in women with limited SSc and '
        'calcinosis than in matched women without it in one case-control study.',
     false),
    ('telangiectasia',
     'Telangiectasia',
     'clinical',
     'Small dilated skin blood vessels, typical of limited cutaneous SSc. Found more often with '
        'calcinosis in two studies, without adjustment.',
     false),
    ('older-age',
     'Older age',
     'demographic',
     'Being older. Patients with calcinosis were older than those without in a large international '
        'cohort (unadjusted comparison).',
     false),
    ('female-sex',
     'Female sex',
     'demographic',
     'Being female. Patients with calcinosis were more often women in a large international cohort '
        '(unadjusted comparison).',
     false),
    ('cardiac-involvement',
     'Cardiac disease',
     'clinical',
     'Heart involvement by SSc. More frequent with calcinosis in a large international cohort '
        '(unadjusted comparison).',
     false),
    ('pulmonary-hypertension',
     'Pulmonary hypertension',
     'vascular',
     'Raised pressure in the pulmonary arteries. More frequent with calcinosis in a large '
        'international cohort (unadjusted comparison).',
     false),
    ('gastrointestinal-involvement',
     'Gastrointestinal involvement',
     'clinical',
     'Involvement of the gut by SSc. More frequent with calcinosis in a large international cohort '
        '(unadjusted comparison).',
     false),
    ('arthritis',
     'Arthritis',
     'clinical',
     'Joint inflammation. More frequent with calcinosis in a large international cohort (unadjusted '
        'comparison).',
     false),
    ('muscle-disease',
     'Muscle disease',
     'clinical',
     'Muscle involvement. Less frequent with calcinosis in a large international cohort (unadjusted '
        'comparison).',
     false),
    ('anti-u1-rnp-antibody',
     'Anti-U1-RNP antibody',
     'serologic',
     'Anti-U1-RNP antibody positivity. Significantly less common with calcinosis in a large '
        'international cohort.',
     false),
    ('anticardiolipin-antibody',
     'Anticardiolipin antibody',
     'serologic',
     'Anticardiolipin antibody positivity. More frequent with calcinosis in a large international '
        'cohort.',
     false);

-- Sampaio-Barros 2019 -------------------------------------------------------------------------

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, comparator_estimate, comparison, p_value, p_relation,
                      adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'sampaio-barros-2019'),
        (SELECT id FROM associated_features WHERE slug = 'acro-osteolysis'),
        'case_control',
        '72 women with limited SSc: 36 with calcinosis and 36 without, matched for age, disease '
        'duration and BMI',
        72, 72, 'frequency_comparison', 0.69, 0.22,
        'Matched women with limited SSc without calcinosis (n = 36)', 0.001, '<', false, 'positive', 4,
        'Acro-osteolysis was present in 69% of the women with calcinosis against 22% of the matched '
        'women without it (p < 0.001).');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, ci_low, ci_high, p_value, p_relation, adjusted, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'sampaio-barros-2019'),
        (SELECT id FROM associated_features WHERE slug = 'acro-osteolysis'),
        'case_control',
        '72 women with limited SSc: 36 with calcinosis and 36 without, matched for age, disease '
        'duration and BMI',
        72, 72, 'odds_ratio', 12.04, 2.73, 53.04, 0.001, '=', true, 'positive', 4,
        'In logistic regression, acro-osteolysis remained strongly associated with calcinosis (OR 12.04, '
        '95% CI 2.73-53.04, p = 0.001); the wide interval reflects the small groups.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      p_value, p_relation, adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'sampaio-barros-2019'),
        (SELECT id FROM associated_features WHERE slug = 'higher-serum-phosphorus'),
        'case_control',
        '72 women with limited SSc: 36 with calcinosis and 36 without, matched for age, disease '
        'duration and BMI',
        72, 72, 0.001, '<', false, 'positive', 4,
        'Serum phosphorus was higher in the women with calcinosis: mean 3.81 (SD 0.41) against 3.43 '
        '(SD 0.45) mg/dl (p < 0.001).');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, ci_low, ci_high, p_value, p_relation, adjusted, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'sampaio-barros-2019'),
        (SELECT id FROM associated_features WHERE slug = 'higher-serum-phosphorus'),
        'case_control',
        '72 women with limited SSc: 36 with calcinosis and 36 without, matched for age, disease '
        'duration and BMI',
        72, 72, 'odds_ratio', 5.07, 1.06, 24.23, 0.042, '=', true, 'positive', 4,
        'Phosphorus stayed associated with calcinosis in the logistic regression (OR 5.07, 95% CI '
        '1.06-24.23, p = 0.042). The abstract does not state the unit the odds ratio refers to.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      p_value, p_relation, adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'sampaio-barros-2019'),
        (SELECT id FROM associated_features WHERE slug = 'higher-skin-score'),
        'case_control',
        '72 women with limited SSc: 36 with calcinosis and 36 without, matched for age, disease '
        'duration and BMI',
        72, 72, 0.001, '<', false, 'positive', 4,
        'The modified Rodnan skin score was higher with calcinosis: mean 4.28 (SD 4.66) against 1.17 '
        '(SD 2.50) (p < 0.001).');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, ci_low, ci_high, p_value, p_relation, adjusted, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'sampaio-barros-2019'),
        (SELECT id FROM associated_features WHERE slug = 'higher-skin-score'),
        'case_control',
        '72 women with limited SSc: 36 with calcinosis and 36 without, matched for age, disease '
        'duration and BMI',
        72, 72, 'odds_ratio', 1.37, 1.11, 1.69, 0.003, '=', true, 'positive', 4,
        'In the logistic regression, the skin score remained associated with calcinosis (OR 1.37, 95% '
        'CI 1.11-1.69, p = 0.003).');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      p_value, p_relation, adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'sampaio-barros-2019'),
        (SELECT id FROM associated_features WHERE slug = 'higher-serum-25-hydroxyvitamin-d'),
        'case_control',
        '72 women with limited SSc: 36 with calcinosis and 36 without, matched for age, disease '
        'duration and BMI',
        72, 72, 0.040, '=', false, 'positive', 4,
        'Serum 25-hydroxyvitamin D was higher in the women with calcinosis: mean 24.46 (SD 8.15) '
        'against 20.80 (SD 6.60) ng/ml (p = 0.040). No adjusted estimate is reported for it.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, comparator_estimate, comparison, p_value, p_relation,
                      adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'sampaio-barros-2019'),
        (SELECT id FROM associated_features WHERE slug = 'current-glucocorticoid-use'),
        'case_control',
        '72 women with limited SSc: 36 with calcinosis and 36 without, matched for age, disease '
        'duration and BMI',
        72, 72, 'frequency_comparison', 0.08, 0.28,
        'Matched women with limited SSc without calcinosis (n = 36)', 0.032, '=', false, 'negative', 4,
        'Fewer women with calcinosis were taking corticosteroids at the time: 8% against 28% '
        '(p = 0.032).');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, ci_low, ci_high, p_value, p_relation, adjusted, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'sampaio-barros-2019'),
        (SELECT id FROM associated_features WHERE slug = 'current-glucocorticoid-use'),
        'case_control',
        '72 women with limited SSc: 36 with calcinosis and 36 without, matched for age, disease '
        'duration and BMI',
        72, 72, 'odds_ratio', 0.07, 0.007, 0.66, 0.021, '=', true, 'negative', 4,
        'Lower glucocorticoid use remained associated with calcinosis in the logistic regression (OR '
        '0.07, 95% CI 0.007-0.66, p = 0.021). A case-control design cannot show whether the drug '
        'protects.');

-- Telangiectasia ------------------------------------------------------------------------------

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      p_value, p_relation, adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'vayssairat-1998'),
        (SELECT id FROM associated_features WHERE slug = 'telangiectasia'),
        'cross_sectional',
        '47 SSc patients compared by presence or absence of subcutaneous calcinosis',
        47, 47, 0.04, '=', false, 'positive', 4,
        'Telangiectasia was more frequent in the patients who had subcutaneous calcinosis (p = 0.04).');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016'),
        (SELECT id FROM associated_features WHERE slug = 'telangiectasia'),
        'retrospective_cohort',
        '5218 SSc patients in the SCTC cohort, 1290 with calcinosis',
        5218, 5218, false, 'positive', 4,
        'Telangiectasias were more common in patients with calcinosis in the univariate comparison. The '
        'abstract gives no p value or effect size for them.');

-- SCTC cohort, univariate comparisons (Valenzuela 2016) ---------------------------------------

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016'),
        (SELECT id FROM associated_features WHERE slug = 'older-age'),
        'retrospective_cohort',
        '5218 SSc patients in the SCTC cohort, 1290 with calcinosis',
        5218, 5218, false, 'positive', 4,
        'In the univariate analyses, patients with calcinosis were older than those without. The '
        'abstract gives no ages or p value.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016'),
        (SELECT id FROM associated_features WHERE slug = 'female-sex'),
        'retrospective_cohort',
        '5218 SSc patients in the SCTC cohort, 1290 with calcinosis',
        5218, 5218, false, 'positive', 4,
        'In the univariate analyses, patients with calcinosis were more likely to be women. The '
        'abstract gives no proportions or p value.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      adjusted, direction, evidence_level, statement)
SELECT (SELECT id FROM sources WHERE slug = 'valenzuela-2016'),
       af.id,
       'retrospective_cohort',
       '5218 SSc patients in the SCTC cohort, 1290 with calcinosis',
       5218, 5218, false, 'positive', 4,
       'This manifestation was more common in patients with calcinosis in the univariate comparison. '
       'The abstract gives no p value or effect size for it.'
FROM associated_features AS af
WHERE af.slug IN ('cardiac-involvement', 'pulmonary-hypertension', 'gastrointestinal-involvement',
                  'arthritis');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016'),
        (SELECT id FROM associated_features WHERE slug = 'muscle-disease'),
        'retrospective_cohort',
        '5218 SSc patients in the SCTC cohort, 1290 with calcinosis',
        5218, 5218, false, 'negative', 4,
        'Muscle disease was less common in patients with calcinosis in the univariate comparison. The '
        'abstract gives no p value or effect size.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016'),
        (SELECT id FROM associated_features WHERE slug = 'anti-u1-rnp-antibody'),
        'retrospective_cohort',
        '5218 SSc patients in the SCTC cohort, 1290 with calcinosis',
        5218, 5218, false, 'negative', 4,
        'Anti-U1-RNP antibody was significantly less common in patients with calcinosis. The abstract '
        'gives no effect size or p value.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016'),
        (SELECT id FROM associated_features WHERE slug = 'anticardiolipin-antibody'),
        'retrospective_cohort',
        '5218 SSc patients in the SCTC cohort, 1290 with calcinosis',
        5218, 5218, false, 'positive', 4,
        'Anticardiolipin antibody was found more often in patients with calcinosis. The abstract gives '
        'no adjusted estimate or p value for it.');

-- Vascular hypoxia: its cohort findings are in SSc patients -----------------------------------

UPDATE mechanisms
SET studied_in_ssc = true
WHERE slug = 'vascular-hypoxia';

COMMIT;
