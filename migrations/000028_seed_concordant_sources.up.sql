-- Seed content: studies whose record is not stored as a PubMed, PMC or publisher page but is
-- printed the same on at least two independent copies (verification concordant_secondary).
--
-- A field goes in only when two copies print it: where only one copy prints a PMID, DOI or
-- byline, it stays empty. Numbers are as printed on the copies, restated in our own words.
-- Every statement checks the number of rows it wrote.
BEGIN;

DO $$
DECLARE n integer;
BEGIN
    -- Johns Hopkins Scleroderma Center Research Registry, the journal version of the 2020 ACR
    -- abstract (richardson-2020-burden). Copies read: the Johns Hopkins repository record (Pure;
    -- the whole abstract, peer-reviewed article), a university library's discovery record
    -- (Pusan; "Rheumatology. Nov2023, Vol. 62 Issue 11, p3636-3643"), and two PubMed-derived
    -- pages (recherchemedicale.com; suppr.wilddata.cn: "Rheumatology (Oxford). 2023 Nov
    -- 2;62(11):3636-3643"). Title, journal, volume, issue, pages and every number below agree
    -- on at least two of them. The DOI (10.1093/rheumatology/keac682) is printed on one
    -- PubMed-derived page only and the PMID (36469337) only in two pages' addresses, so both
    -- stay empty; no record printed the byline. The abstract's class odds ratios differ from
    -- the 2020 abstract's (6.92 against 6.29): each source keeps its own.
    INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                         verified_against, peer_reviewed, url, verification)
    VALUES ('johns-hopkins-registry-2023', NULL, NULL, NULL,
            'Cumulative disease damage and anti-PM/Scl antibodies are associated with a heavy burden '
               'of calcinosis in systemic sclerosis',
            'Rheumatology (Oxford)', 2023, '62(11):3636-3643', 'journal_article', 'abstract', true,
            'https://pure.johnshopkins.edu/en/publications/cumulative-disease-damage-and-anti-pmscl-antibodies-are-associate',
            'concordant_secondary');
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'Johns Hopkins 2023 source: expected 1 row, inserted %', n;
    END IF;

    -- Multinomial regression of calcinosis burden (none, light, heavy) on latent phenotype
    -- classes and autoantibodies; the heavy burden is the paper's question, so each heavy-burden
    -- estimate is the primary finding for its feature.
    INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                          measure, estimate, ci_low, ci_high, p_value, p_relation, adjusted,
                          direction, evidence_level, statement, is_primary)
    SELECT (SELECT id FROM sources WHERE slug = 'johns-hopkins-registry-2023'),
           af.id, 'registry',
           '3388 patients of one US scleroderma registry, 997 (29.4%) with calcinosis; 130 of the 963 '
              'whose burden was graded (13.5%) had a heavy burden',
           3388, 3388, 'odds_ratio', v.estimate, v.ci_low, v.ci_high, 0.001, '<', true, 'positive', 3,
           v.statement, v.is_primary
    FROM (VALUES ('anti-pm-scl-antibody', 17.31, 7.72, 38.81, true,
                  'Anti-PM/Scl antibodies were strongly associated with a heavy calcinosis burden, '
                  'independently of disease severity (OR 17.31, 95% CI 7.72-38.81, p < 0.001).'),
                 ('anti-pm-scl-antibody', 3.59, 1.84, 7.00, false,
                  'Anti-PM/Scl antibodies were also associated, less strongly, with a light calcinosis '
                  'burden (OR 3.59, 95% CI 1.84-7.00, p < 0.001).'),
                 ('diffuse-severe-phenotype', 6.92, 3.66, 13.08, true,
                  'The phenotype class with mainly diffuse skin disease and the most severe organ '
                  'involvement had higher odds of a heavy calcinosis burden than the mainly limited '
                  'class (OR 6.92, 95% CI 3.66-13.08, p < 0.001).'),
                 ('diffuse-severe-phenotype', 2.88, 2.11, 3.95, false,
                  'The same class also had higher odds of a light calcinosis burden than the mainly '
                  'limited class (OR 2.88, 95% CI 2.11-3.95, p < 0.001).'))
         AS v (slug, estimate, ci_low, ci_high, is_primary, statement)
    JOIN associated_features AS af ON af.slug = v.slug
    ORDER BY v.slug, v.is_primary DESC; -- ids in a fixed order, each primary finding first
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 4 THEN
        RAISE EXCEPTION 'Johns Hopkins 2023 findings: expected 4 rows, inserted %', n;
    END IF;

    -- Burgess, Herrick and Watson: a hypothesis paper, no new data. Copies read: the University
    -- of Manchester repository record (Pure: title, Rheumatology (Oxford, England), issue 6,
    -- pages 2517-2527, online 15 Feb 2021, abstract) and the Ukrainian open citation index
    -- (OUCI: Rheumatology 2021, No. 6, p. 2517-2527, the byline, abstract); a third page
    -- (sciencegate) agrees on title, year, byline and abstract. No copy printed the volume or a
    -- PMID; the DOI (10.1093/rheumatology/keab156) is printed on the index only, so it stays empty.
    INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                         verified_against, peer_reviewed, url, verification)
    VALUES ('burgess-2021', NULL, NULL, 'Burgess KA, Herrick AL, Watson REB',
            'Systemic sclerosis skin is a ''primed'' microenvironment for soft tissue calcification - a hypothesis',
            'Rheumatology (Oxford)', 2021, '(6):2517-2527 (volume not shown on the records)', 'review',
            'abstract', true,
            'https://research.manchester.ac.uk/en/publications/systemic-sclerosis-skin-is-a-primed-microenvironment-for-soft-tis',
            'concordant_secondary');
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'Burgess 2021 source: expected 1 row, inserted %', n;
    END IF;

    INSERT INTO mechanisms (slug, name, description, support, in_review, studied_in_ssc, synonyms)
    VALUES ('primed-extracellular-matrix', 'Primed extracellular matrix',
            'A proposal that the changes of the skin''s extracellular matrix after SSc begins (loss of '
               'the microfibril network, build-up of type I collagen) reflect fibroblasts turning towards '
               'a bone-forming profile and leave the tissue ready to calcify. Stated as a hypothesis, '
               'without new data.',
            'hypothesis', false, false, ARRAY['extracellular matrix', 'ECM', 'microfibrils']);
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'primed extracellular matrix mechanism: expected 1 row, inserted %', n;
    END IF;

    -- A source's only finding for a subject is its primary one.
    INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement, is_primary)
    VALUES ((SELECT id FROM sources WHERE slug = 'burgess-2021'),
            (SELECT id FROM mechanisms WHERE slug = 'primed-extracellular-matrix'),
            'narrative_review', 'Review of the literature on SSc skin and soft-tissue calcification', 5,
            'The authors propose that the matrix changes of SSc skin, with microfibrils lost and type I '
            'collagen accumulating, make it a site primed for calcification, fibroblasts adopting a '
            'pro-osteogenic profile; they offer this as a hypothesis to be tested.', true);
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'Burgess 2021 finding: expected 1 row, inserted %', n;
    END IF;

    -- Jiang and Uitto, dietary magnesium in Abcc6-/- mice. Copies read: a PubMed-derived page
    -- (suppr.wilddata.cn: "Exp Dermatol. 2012 Sep;21(9):694-9") and a second PubMed-derived
    -- page (greenmedinfo: "Exp Dermatol. 2012 Sep ;21(9):694-9"), with the same title and
    -- abstract. The DOI is printed on the first only and the PMID and byline on the second only,
    -- so all three stay empty. The abstract reports no effect sizes.
    INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                         verified_against, peer_reviewed, url, verification)
    VALUES ('low-magnesium-abcc6-2012', NULL, NULL, NULL,
            'Restricting dietary magnesium accelerates ectopic connective tissue mineralization in a '
               'mouse model of pseudoxanthoma elasticum (Abcc6(-/-))',
            'Exp Dermatol', 2012, '21(9):694-9', 'journal_article', 'abstract', true,
            'https://suppr.wilddata.cn/browses/detail/pubmed/22897576', 'concordant_secondary');
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'low-magnesium source: expected 1 row, inserted %', n;
    END IF;

    INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement, is_primary)
    VALUES ((SELECT id FROM sources WHERE slug = 'low-magnesium-abcc6-2012'),
            (SELECT id FROM mechanisms WHERE slug = 'abcc6-deficiency-models'),
            'animal_model',
            'Abcc6-/- mice, with wild-type and heterozygous mice, on a low-magnesium or a standard diet '
               'from weaning (4 weeks), examined at 1.5, 2 or 6 months',
            5,
            'A low-magnesium diet made connective-tissue mineralisation in Abcc6-/- mice start earlier '
            'and progress faster than on the standard diet; wild-type and heterozygous mice on the same '
            'diet showed none up to 6 months. On the diet every mouse had less urinary calcium, more '
            'urinary phosphate and higher parathyroid hormone, while bone density at 6 months did not '
            'differ. Mouse work, no SSc patients.', true);
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'low-magnesium finding: expected 1 row, inserted %', n;
    END IF;

    -- Nowaczyk, Zawistowski and Fiedor: a systematic review of local treatments for calcinosis
    -- cutis of any cause, not only SSc. Copies read: a university library's PubMed-collection
    -- record (ebusca.uv.mx: byline, Springer 2021, links to PubMed 34165603 and DOI
    -- 10.1007/s00403-021-02264-5, abstract), the Internet Archive catalogue record (Fatcat:
    -- Archives of Dermatological Research, 2021, byline, abstract) and a PubMed-derived
    -- citation (IASP: "Arch Dermatol Res. 2021 Jun 24. PMID: 34165603", abstract); the
    -- publisher's page (link.springer.com, under the DOI) showed the article's opening but not
    -- its abstract. Volume and pages (314(6):515-525) are printed on the catalogue record only.
    INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                         verified_against, peer_reviewed, url, verification)
    VALUES ('nowaczyk-2021', '34165603', '10.1007/s00403-021-02264-5',
            'Nowaczyk J, Zawistowski M, Fiedor P',
            'Local, non-systemic, and minimally invasive therapies for calcinosis cutis: a systematic review',
            'Arch Dermatol Res', 2021, 'published online 24 Jun 2021 (volume and pages shown on one record only)',
            'systematic_review', 'abstract', true,
            'https://ebusca.uv.mx/Record/pubmed-9232439/Details', 'concordant_secondary');
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'Nowaczyk source: expected 1 row, inserted %', n;
    END IF;

    -- One finding per treatment, each without an outcome: the review pools reports of calcinosis
    -- cutis of any cause, and its abstract says neither which of its 136 patients had SSc nor
    -- which reports it drew on, so its results cannot be told apart from the SSc case reports
    -- held here as sources of their own. Counted as a further study, it could count the same
    -- patients twice, and it would turn two treatments' assessments (CO2 laser, intralesional
    -- thiosulfate) from insufficient into promising on no new SSc evidence. The numbers stay in
    -- the findings' fields and statements.
    INSERT INTO findings (source_id, treatment_id, design, population, measure, estimate, events,
                          denominator, outcome, regimen, adverse_effects, evidence_level, statement,
                          is_primary)
    SELECT (SELECT id FROM sources WHERE slug = 'nowaczyk-2021'),
           t.id, 'systematic_review',
           '40 studies with 136 patients with calcinosis cutis of any cause (not only SSc); '
              'calciphylaxis and treatment combined with systemic drugs left out',
           v.measure, v.estimate, v.events, v.denominator, NULL, v.regimen, v.adverse_effects, 4,
           v.statement, false
    FROM (VALUES ('co2-laser', 'proportion', 0.5714, 12, 21, NULL,
                  'Scarring or hyperkeratosis after CO2 laser in 10 of 18 patients (56%)',
                  'In this review of calcinosis cutis of any cause, laser treatment (the abstract does '
                  'not separate the kinds of laser) cleared microcalcifications after one session in 12 '
                  'of 21 patients (57%); scarring or hyperkeratosis, the commonest adverse event, '
                  'followed CO2 laser in 10 of 18 (56%).'),
                 ('extracorporeal-shock-wave-therapy', NULL, NULL, NULL, NULL, NULL, NULL,
                  'In this review of calcinosis cutis of any cause, shock-wave lithotripsy lowered '
                  'calcinosis pain, by a median of 3 points on the visual analogue scale (range 0-9).'),
                 ('intralesional-sodium-thiosulfate', NULL, NULL, NULL, NULL, NULL,
                  'Transient pain with the injections in over 11% of patients',
                  'In this review of calcinosis cutis of any cause, intralesional sodium thiosulfate '
                  'lowered calcinosis pain, by a median of 1 point on the visual analogue scale (range '
                  '0-5); the injections caused transient pain in over 11% of patients.'),
                 ('topical-sodium-thiosulfate', NULL, NULL, NULL, NULL,
                  'Self-applied; mean treatment 4.9 months (range 2-24)', NULL,
                  'In this review of calcinosis cutis of any cause, topical sodium thiosulfate was '
                  'applied by the patients themselves for a mean of 4.9 months (range 2-24), so it '
                  'depends on their adherence; the abstract gives no result for it alone.'))
         AS v (slug, measure, estimate, events, denominator, regimen, adverse_effects, statement)
    JOIN treatments AS t ON t.slug = v.slug
    ORDER BY v.slug;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 4 THEN
        RAISE EXCEPTION 'Nowaczyk findings: expected 4 rows, inserted %', n;
    END IF;
END $$;

COMMIT;
