-- Seed content: proposed mechanisms of calcinosis in SSc.
--
-- The anchor review proposes local trauma, chronic inflammation and vascular hypoxia, and points to
-- mouse models of heritable ectopic mineralisation. support records the strongest kind of support
-- the cited, verified sources give. No verified source in this seed names the specific mouse models
-- or genes the review discussed, so animal_models and genes are left empty.
-- Evidence levels: the review and expert advice 5; multivariable cohort associations 3.

BEGIN;

INSERT INTO mechanisms (slug, name, description, support, in_review)
VALUES
    ('local-trauma',
     'Local trauma',
     'The idea that repeated mechanical injury to a site helps trigger calcium deposition there. '
        'It is put forward as a possible mechanism; no verified study in this knowledge base tests it.',
     'hypothesis',
     true),
    ('chronic-inflammation',
     'Chronic inflammation',
     'The idea that long-standing inflammation in the tissue promotes calcium deposition. It is put '
        'forward as a possible mechanism; no verified study in this knowledge base tests it directly.',
     'hypothesis',
     true),
    ('vascular-hypoxia',
     'Vascular hypoxia',
     'The idea that poor blood supply and low tissue oxygen, from the vasculopathy of SSc, favour '
        'calcium deposition. Cohort studies tie calcinosis to digital ischaemia and capillary loss, '
        'which fits this idea but does not by itself show cause and effect.',
     'human_observational',
     true),
    ('heritable-ectopic-mineralization-models',
     'Mouse models of heritable ectopic mineralization',
     'Mice engineered or bred to reproduce inherited disorders in which calcium is laid down in soft '
        'tissues. The review cites them as a source of insight into how calcification happens; they are '
        'not models of SSc itself.',
     'animal_model',
     true);

-- Local trauma --------------------------------------------------------------------------------

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
        (SELECT id FROM mechanisms WHERE slug = 'local-trauma'),
        'narrative_review', 'Patients with SSc (literature review)', 5,
        'The review lists local trauma as one of three proposed causes of calcinosis in SSc.');

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016-management'),
        (SELECT id FROM mechanisms WHERE slug = 'local-trauma'),
        'expert_review', 'Patients with SSc-associated calcinosis (expert management review)', 5,
        'As prevention, the authors advise every patient to avoid trauma, as well as cold and stress. '
        'This is expert advice in keeping with the trauma hypothesis, not a test of it.');

-- Chronic inflammation ------------------------------------------------------------------------

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
        (SELECT id FROM mechanisms WHERE slug = 'chronic-inflammation'),
        'narrative_review', 'Patients with SSc (literature review)', 5,
        'The review names chronic inflammation among the proposed causes of calcinosis in SSc.');

-- Vascular hypoxia ----------------------------------------------------------------------------

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
        (SELECT id FROM mechanisms WHERE slug = 'vascular-hypoxia'),
        'narrative_review', 'Patients with SSc (literature review)', 5,
        'The review proposes vascular hypoxia as a possible mechanism of calcinosis in SSc.');

INSERT INTO findings (source_id, mechanism_id, design, population, n_ssc, n_total,
                      measure, estimate, ci_low, ci_high, adjusted, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'baron-2016'),
        (SELECT id FROM mechanisms WHERE slug = 'vascular-hypoxia'),
        'cross_sectional',
        '1305 SSc patients at entry into a multicentre cohort; 300 with calcinosis',
        1305, 1305, 'odds_ratio', 2.37, 1.66, 3.39, true, 3,
        'At study entry, calcinosis was independently associated with digital ischaemia (OR 2.37, '
        '95% CI 1.66-3.39) and with capillary dropout. The '
        'longitudinal result could not be read on the record, so the data show an association, not '
        'that ischaemia comes first.');

INSERT INTO findings (source_id, mechanism_id, design, population, n_ssc, n_total,
                      measure, estimate, p_value, p_relation, adjusted, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2020'),
        (SELECT id FROM mechanisms WHERE slug = 'vascular-hypoxia'),
        'cross_sectional',
        '568 consecutive SSc patients at 10 centres in North America, Australia and Mexico; 215 with calcinosis',
        568, 568, 'odds_ratio', 1.8, 0.002, '=', true, 3,
        'In a second multicentre cohort, calcinosis again went with ischaemic manifestations: digital '
        'ischaemia OR 1.8 (p = 0.002) in the multivariable model. This supports a link with vascular '
        'disease but cannot show direction.');

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2016-management'),
        (SELECT id FROM mechanisms WHERE slug = 'vascular-hypoxia'),
        'expert_review', 'Patients with SSc-associated calcinosis (expert management review)', 5,
        'For prevention the authors recommend stopping smoking and treating Raynaud''s phenomenon and '
        'digital ulcers aggressively: expert advice consistent with, but not a test of, the vascular '
        'hypothesis.');

-- Heritable ectopic mineralization mouse models -----------------------------------------------

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'valenzuela-2015'),
        (SELECT id FROM mechanisms WHERE slug = 'heritable-ectopic-mineralization-models'),
        'narrative_review', 'Genetic studies in mouse models (literature review)', 5,
        'The review notes that mouse models reproducing inherited disorders of ectopic mineralisation '
        'are adding to the understanding of how calcification develops.');

COMMIT;
