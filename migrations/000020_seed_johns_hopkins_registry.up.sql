-- Seed content: the Johns Hopkins scleroderma registry, from its ACR Convergence 2020 abstract.
--
-- The society's abstract archive (acrabstracts.org) shows the byline, the meeting and the
-- results: the share of registry patients with calcinosis and the adjusted odds ratios of
-- phenotype classes for a light and a heavy calcinosis burden. The 2023 journal article on the
-- same registry (with the anti-PM/Scl odds ratios) was seen only on secondary pages, so it is
-- not a source. Conference abstract, not peer reviewed: levels 4.

BEGIN;

INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                     verified_against, peer_reviewed)
VALUES ('richardson-2020-burden', NULL, NULL,
        'Richardson C, Perin J, Zeger S, Wigley F, Hummers L, Casciola-Rosen L, Rosen A, Shah A',
        'A Heavy Burden of Calcinosis Reflects Cumulative Disease Damage in Scleroderma',
        'ACR Convergence 2020', 2020, 'Abstract 0399', 'conference_abstract', 'abstract', false);

INSERT INTO prevalence_estimates (slug, cohort, kind, design, definition, n, cases, percent,
                                  approximate, source_id, statement)
VALUES ('johns-hopkins-2020-registry',
        'Patients of the Johns Hopkins Scleroderma Center research registry (USA)',
        'cohort', 'Registry with chart review of calcinosis burden (conference abstract)',
        'Calcinosis recorded in the centre''s database; its burden graded by chart review (heavy: '
           'deposits in three or more areas beyond the hands, bulky deposits, or sheet- or '
           'plaque-like deposits)',
        3388, 997, 29.40, false, (SELECT id FROM sources WHERE slug = 'richardson-2020-burden'),
        'In this conference abstract (not peer reviewed), 997 of 3388 registry patients (29.4%) had '
        'calcinosis; 130 of the 963 whose burden was graded (13.5%) had a heavy burden.');

INSERT INTO findings (source_id, prevalence_estimate_id, design, population, n_ssc, n_total,
                      measure, estimate, events, denominator, evidence_level, statement)
SELECT pe.source_id, pe.id, 'registry', pe.cohort, pe.n, pe.n, 'proportion',
       round(pe.percent / 100, 4), pe.cases, pe.n, 4, pe.statement
FROM prevalence_estimates AS pe
WHERE pe.slug = 'johns-hopkins-2020-registry';

INSERT INTO associated_features (slug, name, category, description, in_review)
VALUES ('diffuse-severe-phenotype',
        'Diffuse, severe disease phenotype',
        'clinical',
        'A pattern of mainly diffuse skin disease with the greatest overall severity, found by '
           'latent class analysis of a large registry; compared with the mainly limited-skin class.',
        false),
       ('sine-scleroderma-phenotype',
        'SSc sine scleroderma phenotype',
        'clinical',
        'A pattern of SSc mostly without skin thickening (sine scleroderma), found by latent class '
           'analysis of a large registry; compared with the mainly limited-skin class.',
        false);

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, ci_low, ci_high, p_value, p_relation, adjusted, direction,
                      evidence_level, statement)
SELECT (SELECT id FROM sources WHERE slug = 'richardson-2020-burden'),
       af.id, 'registry',
       '3388 patients of one US scleroderma registry; outcome compared with no calcinosis',
       3388, 3388, 'odds_ratio', v.estimate, v.ci_low, v.ci_high, 0.001, '<', true, v.direction, 4,
       'In this conference abstract (not peer reviewed), ' || v.statement
FROM (VALUES ('diffuse-severe-phenotype', 6.29, 3.42, 11.57, 'positive',
              'the diffuse, most severe phenotype class had higher odds of a heavy calcinosis burden '
              'than the mainly limited class in multinomial regression (OR 6.29, 95% CI 3.42-11.57, '
              'p < 0.001).'),
             ('diffuse-severe-phenotype', 2.71, 2.01, 3.65, 'positive',
              'the diffuse, most severe phenotype class had higher odds of a light calcinosis burden '
              'than the mainly limited class (OR 2.71, 95% CI 2.01-3.65, p < 0.001).'),
             ('sine-scleroderma-phenotype', 0.26, 0.16, 0.42, 'negative',
              'the class with mainly sine scleroderma had lower odds of a light calcinosis burden '
              'than the mainly limited class (OR 0.26, 95% CI 0.16-0.42, p < 0.001).'))
     AS v (slug, estimate, ci_low, ci_high, direction, statement)
JOIN associated_features AS af ON af.slug = v.slug;

COMMIT;
