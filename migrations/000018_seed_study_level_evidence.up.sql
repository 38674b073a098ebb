-- Seed content: study-level evidence from sources verified in a second look-up round.
--
-- Every source below was seen on its public record: PubMed, the journal's or publisher's own
-- page, or (for conference abstracts, flagged as not peer reviewed) the society's abstract
-- archive or the journal supplement page. A byline, PMID or DOI goes in only where that record
-- showed it; stored PubMed records often show no byline, so several authors fields stay empty.
-- Where the record left a detail to inference, the comment above the source says how it was
-- read. Numbers come from abstracts (or the opening of a case report) exactly as printed.
--
-- Evidence levels (Oxford CEBM 2011): prevalence and association from cross-sectional studies
-- and cohorts 3, univariate comparisons and conference abstracts 4; diagnosis from
-- cross-sectional studies against a reference standard 3, small or descriptive series 4;
-- treatment case series and case reports 4; mechanism-only work 5.

BEGIN;

-- Sources ------------------------------------------------------------------------------------

-- Publisher's page (link.springer.com): title, journal and DOI; no byline, volume or pages in
-- the part shown. The year is read from the DOI (s10067-023-...), registered in 2023.
INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                     verified_against, peer_reviewed)
VALUES ('samoes-2023', NULL, '10.1007/s10067-023-06617-5', NULL,
        'Assessment of calcinosis in Portuguese patients with systemic sclerosis — a multicenter study',
        'Clin Rheumatol', 2023, 'volume and pages not shown on the record', 'journal_article',
        'abstract', true);

-- Publisher's page (Taylor & Francis, informahealthcare.com): title, pages, DOI and the online
-- date (19 July 2017); no byline and no journal name. The DOI's prefix 10.1080/14397595 carries
-- the ISSN of Modern Rheumatology (1439-7595), from which the journal is named.
INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                     verified_against, peer_reviewed)
VALUES ('rutgers-cohort-2017', NULL, '10.1080/14397595.2017.1349594', NULL,
        'Are there risk factors for scleroderma-related calcinosis?',
        'Mod Rheumatol', 2017, 'pp. 518-522 (volume not shown on the record)', 'journal_article',
        'abstract', true);

-- EULAR congress abstracts on the journal's supplement pages (ard.bmj.com), bylines shown.
-- The years follow from the supplement volumes (73: 2014, 75: 2016, 76: 2017).
INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                     verified_against, peer_reviewed)
VALUES ('morardet-2014', NULL, NULL, 'Morardet L, Avouac J, Semmour M, Kahan A, Feydy A, Allanore Y',
        'Nailfold Videocapillaroscopy Patterns Associated with Calcinosis and Acro-Osteolysis in Systemic Sclerosis',
        'Ann Rheum Dis', 2014, '73(Suppl 2):562.3, abstract FRI0484', 'conference_abstract',
        'abstract', false),
       ('bauer-2016', NULL, NULL, 'Bauer E, Mandry D, Huttin O, Chary-Valckenaere I, Loeuille D',
        'Peripheral Structural Evaluation (radiographic) and Axial (scan) in A Population of 77 Patients with Systemic Sclerosis',
        'Ann Rheum Dis', 2016, '75(Suppl 2):535.2, abstract FRI0276', 'conference_abstract',
        'abstract', false),
       ('hsu-2014', NULL, NULL, 'Hsu VM, Bramwit M, Schlesinger N',
        'Dual Energy Computed Tomography for the Evaluation of Calcinosis in Systemic Sclerosis',
        'Ann Rheum Dis', 2014, '73(Suppl 2):571.1, abstract FRI0507', 'conference_abstract',
        'abstract', false),
       ('carranza-muleiro-2017', NULL, NULL,
        'Carranza Muleiro RA, Cruz-Domínguez MDP, Apolinar LM, Reséndiz-Albor AA, Vázquez-Martínez AL, '
           'García-Collinot G, Jara-Quezada LJ, Arciniega IM',
        'Calcinosis cutis and its association of serum levels of osteonectin, osteonectin, nitric oxide and tgf-b in systemic sclerosis',
        'Ann Rheum Dis', 2017, '76(Suppl 2):1286.2, abstract AB0668', 'conference_abstract',
        'abstract', false);

-- ACR Convergence abstract on the society's own archive (acrabstracts.org), byline and meeting
-- shown.
INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                     verified_against, peer_reviewed)
VALUES ('richardson-2020', NULL, NULL,
        'Richardson C, Javadi M, Shah A, Solnes L, Wigley F, Hummers L, Christopher-Stine L',
        '18F-NaF PET/CT Identifies Active Calcium Uptake in Calcinosis Due to Dermatomyositis and Scleroderma',
        'ACR Convergence 2020', 2020, 'Abstract 1555', 'conference_abstract', 'abstract', false);

-- The PubMed record as reproduced on a journal's reference page (jrheum.org): title, journal
-- line and DOI printed; the PMID appears only in that page's address, so it stays empty.
INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                     verified_against, peer_reviewed)
VALUES ('calcinosis-subsets-2016', NULL, '10.1093/rheumatology/kew193', NULL,
        'Calcinosis in systemic sclerosis: subsets, distribution and complications',
        'Rheumatology (Oxford)', 2016, '55(9):1610-4', 'journal_article', 'abstract', true);

-- PubMed records (pubmed.gov/<PMID>): title, journal line, DOI and abstract; no byline.
INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                     verified_against, peer_reviewed)
VALUES ('hand-debulking-2021', '33795151', '10.1016/j.jhsa.2021.01.025', NULL,
        'Surgical Debulking for Symptomatic Management of Calcinosis Cutis of the Hand and Upper Extremity in Systemic Sclerosis',
        'J Hand Surg Am', 2021, '46(10):928.e1-928.e9', 'journal_article', 'abstract', true),
       ('intralesional-thiosulfate-2021', '33244722', '10.1007/s10067-020-05523-4', NULL,
        'Clinical and ultrasound response to intralesional sodium thiosulfate for the treatment of calcinosis cutis in the setting of systemic sclerosis. A case-based review',
        'Clin Rheumatol', 2021, '40(7):2985-2989', 'case_report', 'abstract', true);

-- Journals' own pages. The IVIG letter's page names only section editors and breaks off
-- before the treatment's results; the plastic-surgery page names only the corresponding
-- author; neither first author is known, so the bylines stay empty.
INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                     verified_against, peer_reviewed)
VALUES ('ivig-2008', NULL, '10.1001/archderm.144.5.585', NULL,
        'Response of Dystrophic Calcification to Intravenous Immunoglobulin',
        'Arch Dermatol', 2008, '144(5):585-587', 'case_report', 'full_text', true),
       ('bisphosphonates-2021', NULL, '10.3390/biomedicines9111698', NULL,
        'Bisphosphonates for the Treatment of Calcinosis Cutis—A Retrospective Single-Center Study',
        'Biomedicines', 2021, '9(11):1698', 'journal_article', 'abstract', true),
       ('radical-debridement-2016', NULL, '10.5999/aps.2016.43.4.387', NULL,
        'A Rare Case of Bilateral Upper Extremity Hypercalcinosis in Systemic Sclerosis Requiring Multiple Radical Debridements',
        'Arch Plast Surg', 2016, '43(4):387-389', 'case_report', 'full_text', true),
       ('inguinal-resection-2019', NULL, '10.5935/2177-1235.2019RBCP0020', NULL,
        'Surgical resection of symptomatic calcinosis in a patient with systemic sclerosis',
        'Rev Bras Cir Plást', 2019, '34(1)', 'case_report', 'full_text', true);

-- Publisher's pages (Frontiers): the article page shows title, volume and DOI; the article's
-- XML on the publisher's file server shows Lofaro as first author.
INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                     verified_against, peer_reviewed)
VALUES ('lofaro-2024', NULL, '10.3389/fimmu.2024.1502324', 'Lofaro FD, et al.',
        'BMP-4 and fetuin A in systemic sclerosis patients with or without calcinosis',
        'Front Immunol', 2024, '15', 'journal_article', 'abstract', true);

-- The journal's own pages (springeropen.com, err.eg.net): title, journal, volume, issue, pages
-- and DOI; the first author's surname is in the journal's own article address (aulast=Fawzy)
-- and the page names Rasha M Fawzy as corresponding author; the rest of the byline was not shown.
INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                     verified_against, peer_reviewed)
VALUES ('fawzy-2016', NULL, '10.4103/1110-161X.189825', 'Fawzy RM, et al.',
        'Musculoskeletal ultrasound on the hand and wrist in systemic sclerosis',
        'Egypt Rheumatol Rehabil', 2016, '43(3):95-101', 'journal_article', 'abstract', true);

-- Prevalence in further cohorts -----------------------------------------------------------------

INSERT INTO prevalence_estimates (slug, cohort, kind, design, definition, n, cases, percent,
                                  approximate, source_id, statement)
VALUES ('samoes-2023-radiographs',
        'SSc patients registered in the Portuguese national rheumatology registry (Reuma.pt), several centres',
        'cohort', 'Cross-sectional multicentre study',
        'Calcinosis on radiographs of the hands, elbows, knees and feet',
        226, 91, 40.30, false, (SELECT id FROM sources WHERE slug = 'samoes-2023'),
        'Radiographs showed calcinosis in 91 of 226 patients (40.3%); in 37 of the 91 (40.7%) it '
        'had not been found on examination.'),
       ('samoes-2023-clinical',
        'SSc patients registered in the Portuguese national rheumatology registry (Reuma.pt), several centres',
        'cohort', 'Cross-sectional multicentre study',
        'Calcinosis found on clinical examination',
        226, NULL, 28.10, false, (SELECT id FROM sources WHERE slug = 'samoes-2023'),
        'Examination found calcinosis in 63 patients, printed as 28.1%. Sixty-three of 226 would be '
        '27.9%, so the printed share may rest on another denominator; only the printed share is '
        'stored as the estimate.'),
       ('rutgers-2017-outpatients',
        'SSc outpatients of one US scleroderma programme (Rutgers-Robert Wood Johnson), 2012-2015',
        'cohort', 'Cross-sectional comparison of patients with and without calcinosis',
        'Not stated in the abstract',
        215, 65, 30.23, false, (SELECT id FROM sources WHERE slug = 'rutgers-cohort-2017'),
        'Of 215 outpatients, 65 had calcinosis. The abstract prints the counts only; the share is '
        'computed from them.'),
       ('morardet-2014-hand-radiographs',
        'Consecutive SSc patients seen over 24 months at one French centre (Cochin Hospital, Paris)',
        'cohort', 'Cross-sectional study (conference abstract)',
        'At least one soft-tissue calcification on hand and wrist radiographs, read by two investigators',
        155, 43, 28.00, false, (SELECT id FROM sources WHERE slug = 'morardet-2014'),
        'In this conference abstract (not peer reviewed), 43 of 155 patients (28%) had calcinosis on '
        'hand radiographs, moderate or severe in 26 (17%).'),
       ('bauer-2016-hand-radiographs',
        'SSc patients meeting the 2013 ACR/EULAR criteria at one French centre (Nancy)',
        'cohort', 'Retrospective single-centre descriptive study (conference abstract)',
        'Calcinosis on hand radiographs',
        77, NULL, 26.00, false, (SELECT id FROM sources WHERE slug = 'bauer-2016'),
        'In this conference abstract (not peer reviewed), hand radiographs showed calcinosis in 26% of '
        '77 patients; the count itself is not printed.'),
       ('elhai-2012-hand-radiographs',
        '52 consecutive SSc patients at one French centre (Cochin Hospital, Paris)',
        'cohort', 'Cross-sectional study',
        'Calcification on hand radiographs',
        52, NULL, 36.00, false, (SELECT id FROM sources WHERE slug = 'elhai-2012'),
        'Hand radiographs showed calcification in 36% of the 52 patients (ultrasound in 40%); the '
        'abstract prints shares only.');

-- Diagnostic modalities ------------------------------------------------------------------------

INSERT INTO diagnostic_modalities (slug, name, role, shows, strengths, limitations, in_review,
                                   synonyms)
VALUES ('sodium-fluoride-pet-ct',
        '18F-sodium fluoride PET/CT',
        'experimental',
        'Where the 18F-sodium fluoride tracer is taken up, marking calcium that is being laid down, '
           'alongside the deposits the CT shows.',
        'Surveys the whole body in one scan and may show deposits that are still forming.',
        'Tried only in pilot series of a few patients; carries a radiation dose; the SSc results '
           'were not in the part of the record seen.',
        false,
        '{PET,PET/CT,"NaF PET","18F-NaF","sodium fluoride PET"}'),
       ('morphological-classification',
        'Clinical and radiographic morphological classification',
        'experimental',
        'The type of each deposit from its look and feel (mousse, stone, net, plate) and its pattern '
           'on plain radiographs (stone, net, plate).',
        'Needs only examination and plain films, and links the subsets with complications.',
        'Proposed from one retrospective single-centre series; not validated.',
        false,
        '{"calcinosis subsets",mousse,stone,net,plate}');

-- Mechanism: bone-matrix and mineralization-regulating proteins ---------------------------------

INSERT INTO mechanisms (slug, name, description, support, animal_models, genes, in_review,
                        studied_in_ssc, synonyms)
VALUES ('bone-matrix-protein-dysregulation',
        'Bone-matrix and mineralization-regulating proteins',
        'A disturbed balance of the proteins that build bone matrix or steer mineral deposition '
           '(osteonectin, osteopontin, BMP-4, fetuin-A) may let calcium salts settle in the skin. '
           'Studied by measuring these proteins in the blood of SSc patients with and without '
           'calcinosis; the verified records show the design, not yet the results.',
        'human_observational', '{}', '{}', false, true,
        '{osteonectin,osteopontin,BMP-4,"fetuin-A","bone matrix proteins"}');

-- Associated feature: the limited cutaneous subset ----------------------------------------------

INSERT INTO associated_features (slug, name, category, description, in_review)
VALUES ('limited-cutaneous-subset',
        'Limited cutaneous subset',
        'clinical',
        'Having the limited cutaneous form of SSc rather than the diffuse form. Cohorts disagree '
           'on whether calcinosis is more common in it.',
        false);

-- Treatments ------------------------------------------------------------------------------------

INSERT INTO treatments (slug, name, category, drug_class, route, rationale, synonyms)
VALUES ('intravenous-immunoglobulin',
        'Intravenous immunoglobulin',
        'pharmacologic', 'immunoglobulin', 'intravenous',
        'Pooled immunoglobulin given by infusion, tried when other treatments had failed; the '
           'verified support is one case report whose title reports a response.',
        '{IVIG,IVIg,immunoglobulin}'),
       ('d-penicillamine',
        'D-penicillamine',
        'pharmacologic', 'chelating agent', 'oral',
        'An oral chelating drug; in the one verified report it was given for 30 weeks without any '
           'improvement.',
        '{penicillamine}');

-- Findings: prevalence cohorts are records of their own; these are the results about subjects.

-- Associated features: the Portuguese multicentre cohort (Samões 2023) -------------------------

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, ci_low, ci_high, p_value, p_relation, adjusted, direction,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'samoes-2023'),
        (SELECT id FROM associated_features WHERE slug = 'digital-ulcers'),
        'cross_sectional',
        '226 SSc patients of a Portuguese multicentre registry; calcinosis on examination or radiographs',
        226, 226, 'odds_ratio', 2.63, 1.02, 6.78, 0.045, '=', true, 'positive', 3,
        'Digital ulcers were the independent predictor of calcinosis in the multivariate model (OR '
        '2.63, 95% CI 1.02-6.78, p = 0.045).'),
       ((SELECT id FROM sources WHERE slug = 'samoes-2023'),
        (SELECT id FROM associated_features WHERE slug = 'gastrointestinal-involvement'),
        'cross_sectional',
        '226 SSc patients of a Portuguese multicentre registry; outcome: calcinosis of the hands',
        226, 226, 'odds_ratio', 3.52, 1.28, 9.67, 0.015, '=', true, 'positive', 3,
        'Oesophageal involvement predicted calcinosis of the hands in the multivariate model (OR '
        '3.52, 95% CI 1.28-9.67, p = 0.015).'),
       ((SELECT id FROM sources WHERE slug = 'samoes-2023'),
        (SELECT id FROM associated_features WHERE slug = 'osteoporosis'),
        'cross_sectional',
        '226 SSc patients of a Portuguese multicentre registry; outcome: calcinosis of the hands',
        226, 226, 'odds_ratio', 4.1, 1.2, 14.2, 0.027, '=', true, 'positive', 3,
        'Osteoporosis predicted calcinosis of the hands in the multivariate model (OR 4.1, 95% CI '
        '1.2-14.2, p = 0.027).');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      p_value, p_relation, adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'samoes-2023'),
        (SELECT id FROM associated_features WHERE slug = 'longer-disease-duration'),
        'cross_sectional',
        '226 SSc patients of a Portuguese multicentre registry, compared by presence of calcinosis',
        226, 226, 0.001, '<', false, 'positive', 4,
        'Patients with calcinosis had longer disease more often (p < 0.001, unadjusted).'),
       ((SELECT id FROM sources WHERE slug = 'samoes-2023'),
        (SELECT id FROM associated_features WHERE slug = 'older-age'),
        'cross_sectional',
        '226 SSc patients of a Portuguese multicentre registry, compared by presence of calcinosis',
        226, 226, 0.001, '<', false, 'positive', 4,
        'Patients with calcinosis were older (p < 0.001, unadjusted).'),
       ((SELECT id FROM sources WHERE slug = 'samoes-2023'),
        (SELECT id FROM associated_features WHERE slug = 'female-sex'),
        'cross_sectional',
        '226 SSc patients of a Portuguese multicentre registry, compared by presence of calcinosis',
        226, 226, 0.008, '=', false, 'positive', 4,
        'Patients with calcinosis were more often women (p = 0.008, unadjusted).'),
       ((SELECT id FROM sources WHERE slug = 'samoes-2023'),
        (SELECT id FROM associated_features WHERE slug = 'limited-cutaneous-subset'),
        'cross_sectional',
        '226 SSc patients of a Portuguese multicentre registry, compared by presence of calcinosis',
        226, 226, 0.017, '=', false, 'positive', 4,
        'The limited cutaneous subset was more frequent among patients with calcinosis (p = 0.017, '
        'unadjusted).'),
       ((SELECT id FROM sources WHERE slug = 'samoes-2023'),
        (SELECT id FROM associated_features WHERE slug = 'telangiectasia'),
        'cross_sectional',
        '226 SSc patients of a Portuguese multicentre registry, compared by presence of calcinosis',
        226, 226, 0.039, '=', false, 'positive', 4,
        'Telangiectasia was more frequent with calcinosis (p = 0.039, unadjusted).'),
       ((SELECT id FROM sources WHERE slug = 'samoes-2023'),
        (SELECT id FROM associated_features WHERE slug = 'nailfold-capillary-abnormalities'),
        'cross_sectional',
        '226 SSc patients of a Portuguese multicentre registry, compared by presence of calcinosis',
        226, 226, 0.001, '<', false, 'positive', 4,
        'A late capillaroscopic pattern was more frequent with calcinosis (p < 0.001, unadjusted). '
        'The abstract breaks off while giving its adjusted estimate, which is therefore not stored.');

-- Associated features: the Rutgers outpatient cohort ------------------------------------------

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      measure, estimate, ci_low, ci_high, adjusted, direction, evidence_level,
                      statement)
VALUES ((SELECT id FROM sources WHERE slug = 'rutgers-cohort-2017'),
        (SELECT id FROM associated_features WHERE slug = 'longer-disease-duration'),
        'cross_sectional',
        '215 SSc outpatients of one US programme: 65 with calcinosis and 150 without',
        215, 215, 'odds_ratio', 3.77, 1.26, 11.27, true, 'positive', 3,
        'A longer time since the first symptom other than Raynaud phenomenon was independently '
        'associated with calcinosis (OR 3.77, 95% CI 1.26-11.27); disease had lasted 20 (SD 10.5) '
        'against 12 (SD 8) years. The abstract gives no p value for the odds ratio.'),
       ((SELECT id FROM sources WHERE slug = 'rutgers-cohort-2017'),
        (SELECT id FROM associated_features WHERE slug = 'osteoporosis'),
        'cross_sectional',
        '215 SSc outpatients of one US programme: 65 with calcinosis and 150 without',
        215, 215, 'odds_ratio', 3.43, 1.15, 10.36, true, 'positive', 3,
        'Osteoporosis was independently associated with calcinosis (OR 3.43, 95% CI 1.15-10.36). '
        'The abstract gives no p value for the odds ratio.');

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      p_value, p_relation, adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'rutgers-cohort-2017'),
        (SELECT id FROM associated_features WHERE slug = 'older-age'),
        'cross_sectional',
        '215 SSc outpatients of one US programme: 65 with calcinosis and 150 without',
        215, 215, 0.026, '=', false, 'positive', 4,
        'Patients with calcinosis were older (p = 0.026, unadjusted).');

-- The limited subset in the Cochin radiograph study: seen in both subsets ------------------------

INSERT INTO findings (source_id, associated_feature_id, design, population, n_ssc, n_total,
                      adjusted, direction, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'avouac-2006'),
        (SELECT id FROM associated_features WHERE slug = 'limited-cutaneous-subset'),
        'cross_sectional',
        '120 consecutive SSc patients with systematic hand radiographs',
        120, 120, false, 'none', 4,
        'Calcinosis on hand radiographs occurred in the diffuse as well as the limited subset; the '
        'abstract reports no difference between them.');

-- Mechanism: bone-matrix and mineralization-regulating proteins --------------------------------

INSERT INTO findings (source_id, mechanism_id, design, population, n_ssc, n_total,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'lofaro-2024'),
        (SELECT id FROM mechanisms WHERE slug = 'bone-matrix-protein-dysregulation'),
        'case_control',
        '51 women with SSc: 25 with calcinosis and 26 without',
        51, 51, 5,
        'Circulating promoters and inhibitors of calcification (BMP-4, fetuin-A), the serum''s '
        'tendency to calcify in vitro (T50) and the mineral make-up of removed deposits were '
        'compared between women with and without calcinosis. The part of the abstract seen reports '
        'differences in clinical features and in anticentromere and anti-Scl-70 antibodies; the '
        'marker results themselves were not in it.'),
       ((SELECT id FROM sources WHERE slug = 'carranza-muleiro-2017'),
        (SELECT id FROM mechanisms WHERE slug = 'bone-matrix-protein-dysregulation'),
        'cross_sectional',
        '71 SSc patients: 28 with calcinosis (18 diffuse, 10 limited) and 43 without',
        71, 71, 5,
        'In this conference abstract (not peer reviewed), serum osteonectin, osteopontin, TGF-beta '
        'and nitric oxide were measured in patients with and without calcinosis; C-reactive protein '
        'correlated moderately across the whole group (r = 0.41, p = 0.042). The comparison of the '
        'bone-matrix proteins was not in the part of the record seen.');

-- Diagnostic modalities ----------------------------------------------------------------------

INSERT INTO findings (source_id, diagnostic_modality_id, design, population, n_ssc, n_total,
                      measure, estimate, comparison, comparator_estimate, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'samoes-2023'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'clinical-examination'),
        'cross_sectional',
        '226 SSc patients examined and radiographed (hands, elbows, knees, feet); 91 had radiographic calcinosis',
        226, 226, 'sensitivity', 0.582, NULL, NULL, 3,
        'Against radiographic calcinosis as the reference, the sensitivity of examination is '
        'printed as 58.2%; the abstract also counts 37 of the 91 patients with calcinosis on films '
        '(40.7%) as subclinical.'),
       ((SELECT id FROM sources WHERE slug = 'samoes-2023'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'plain-radiography'),
        'cross_sectional',
        '226 SSc patients radiographed at four sites; 91 had radiographic calcinosis',
        226, 226, 'sensitivity', 0.747, NULL, NULL, 3,
        'Of the four sites filmed, the hands were the most sensitive: hand radiographs alone found '
        '74.7% of the patients with radiographic calcinosis.');

INSERT INTO findings (source_id, diagnostic_modality_id, design, population, n_ssc, n_total,
                      measure, estimate, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'morardet-2014'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'plain-radiography'),
        'cross_sectional',
        '155 consecutive SSc patients; hand and wrist radiographs read by two investigators',
        155, 155, 'kappa', 0.75, 4,
        'In this conference abstract (not peer reviewed), agreement between the two readers of the '
        'radiographs was kappa 0.75; the abstract does not say for which lesions.');

INSERT INTO findings (source_id, diagnostic_modality_id, design, population, n_ssc, n_total,
                      evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'fawzy-2016'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'ultrasonography'),
        'cross_sectional',
        '20 SSc patients (20 rheumatoid arthritis controls not counted here), each with examination, '
        'hand and wrist radiographs and ultrasound',
        20, 20, 4,
        'Ultrasound picked up soft-tissue calcification more often than radiographs, but the '
        'difference was not significant (p > 0.05); the abstract gives no counts.'),
       ((SELECT id FROM sources WHERE slug = 'hsu-2014'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'dual-energy-ct'),
        'case_series',
        '10 SSc patients with calcinosis of the hands (5 diffuse), mean disease duration 19.4 years',
        10, 10, 4,
        'In this conference abstract (not peer reviewed), DECT of the hands and wrists placed deposits '
        'in the fingertip pads, along tendon sheaths, in the carpal tunnel and next to muscles, with '
        'sheets reaching the forearm in 2; all 10 had acro-osteolysis and 4 had bone destroyed next '
        'to a deposit. No accuracy or reliability figures are given.'),
       ((SELECT id FROM sources WHERE slug = 'richardson-2020'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'sodium-fluoride-pet-ct'),
        'case_series',
        '3 adults with SSc and 3 with dermatomyositis, all with deposits that had appeared within six months',
        3, 6, 4,
        'In this conference abstract (not peer reviewed), a pilot study imaged each patient with '
        '18F-sodium fluoride PET/CT. The results were not in the part of the record seen; the record '
        'shows only that the method has been tried in SSc.'),
       ((SELECT id FROM sources WHERE slug = 'calcinosis-subsets-2016'),
        (SELECT id FROM diagnostic_modalities WHERE slug = 'morphological-classification'),
        'retrospective_cohort',
        '52 SSc patients with calcinosis, out of 112 in an ulcer unit (Florence); 316 deposits',
        52, 112, 4,
        'Visible deposits were sorted as mousse (49) or stone (105), and deposits felt but not seen as '
        'net (5), plate (22) or stone (135); on radiographs 289 of 316 were stone-like, 12 net-like '
        'and 15 plate-like. Mousse went with pulmonary arterial hypertension and net deposits healed '
        'slowest. The authors say the scheme still needs validation.');

-- Clinical presentation --------------------------------------------------------------------------

INSERT INTO findings (source_id, presentation_item_id, design, population, n_ssc, n_total,
                      measure, estimate, events, denominator, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'calcinosis-subsets-2016'),
        (SELECT id FROM presentation_items WHERE slug = 'skin-ulceration'),
        'retrospective_cohort',
        '52 SSc patients with calcinosis in an ulcer unit (Florence); counts are of the 316 deposits',
        52, 52, 'proportion', 0.487, 154, 316, 4,
        'Skin ulcers complicated 154 of the 316 deposits (48.7%).');

INSERT INTO findings (source_id, presentation_item_id, design, population, n_ssc, n_total,
                      measure, estimate, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'hsu-2014'),
        (SELECT id FROM presentation_items WHERE slug = 'disability-and-impaired-hand-function'),
        'case_series',
        '10 SSc patients with calcinosis of the hands imaged by dual-energy CT',
        10, 10, 'proportion', 0.5, 4,
        'In this conference abstract (not peer reviewed), half of the 10 patients were disabled by '
        'their calcinosis; painful ulcers, soft-tissue swelling, contractures, new joint swelling and '
        'infection are given as the reasons.');

-- Treatments -----------------------------------------------------------------------------------

-- The publisher's page for this DOI (Elsevier, through its DOI resolver on reumatologiaclinica.org)
-- shows title, journal line and abstract, without a byline; the PMID was seen only through a
-- translation proxy, so it stays empty.
INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                     verified_against, peer_reviewed)
VALUES ('rituximab-2012', NULL, '10.1016/j.semarthrit.2011.11.007', NULL,
        'Treatment of systemic sclerosis-associated calcinosis: a case report of rituximab-induced regression of CREST-related calcinosis and review of the literature',
        'Semin Arthritis Rheum', 2012, '41(6):822-9', 'case_report', 'abstract', true);

INSERT INTO treatments (slug, name, category, drug_class, route, rationale, synonyms)
VALUES ('azathioprine-with-prednisone',
        'Azathioprine with prednisone',
        'pharmacologic', 'immunosuppressant with glucocorticoid', 'oral',
        'Immunosuppression given to control the underlying disease; in the one verified report it did '
           'not stop calcinosis from progressing.',
        '{azathioprine,prednisone,immunosuppression}');

-- Surgical debulking of the hand and upper limb: one series, three outcomes.
INSERT INTO findings (source_id, treatment_id, design, population, n_ssc, n_total, outcome,
                      regimen, adverse_effects, follow_up, evidence_level, statement)
SELECT (SELECT id FROM sources WHERE slug = 'hand-debulking-2021'),
       (SELECT id FROM treatments WHERE slug = 'surgical-excision'),
       'case_series',
       '39 patients with limited or diffuse SSc operated on 41 upper limbs by one surgeon, 2014-2019',
       39, 39, v.outcome,
       'Elective debulking of calcinosis of the hand or upper limb',
       'Thirteen patients had 17 complications; the abstract does not list them',
       'median 22 months (range 13-60)', 4, v.statement
FROM (VALUES ('improved',
              'Pain fell significantly: the median visual analogue score went from 5 (range 0-10) '
              'before surgery to 0 (range 0-8) at the last visit.'),
             ('mixed',
              'Patient-reported range of motion improved in 15% and was unchanged in 85%; none was worse.'),
             ('no_effect',
              'Numbness did not change significantly: better in 5%, unchanged in 85%, worse in 10%.'))
     AS v (outcome, statement);

INSERT INTO findings (source_id, treatment_id, design, population, n_ssc, n_total, outcome,
                      regimen, adverse_effects, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'intralesional-thiosulfate-2021'),
        (SELECT id FROM treatments WHERE slug = 'intralesional-sodium-thiosulfate'),
        'case_report',
        'One patient with diffuse SSc and two painful axillary plaques',
        1, 1, 'improved',
        'Sodium thiosulfate 250 mg/ml injected into the plaques once a month, three sessions',
        'A passing burning feeling during the injections; no other adverse effect',
        4,
        'Both plaques resolved completely after three monthly sessions, confirmed clinically and on '
        'ultrasound.'),
       ((SELECT id FROM sources WHERE slug = 'ivig-2008'),
        (SELECT id FROM treatments WHERE slug = 'intravenous-immunoglobulin'),
        'case_report',
        'One woman, 56, with CREST syndrome for 8 years (anti-Scl-70 positive) and an inflamed '
        'index-finger deposit',
        1, 1, 'improved',
        NULL, NULL, 4,
        'The report''s title announces a response to intravenous immunoglobulin; the dose, the size '
        'of the response and the follow-up were not in the part of the record seen.'),
       ((SELECT id FROM sources WHERE slug = 'ivig-2008'),
        (SELECT id FROM treatments WHERE slug = 'warfarin'),
        'case_report',
        'One woman, 56, with CREST syndrome for 8 years (anti-Scl-70 positive) and an inflamed '
        'index-finger deposit',
        1, 1, 'no_effect',
        'Warfarin for 13 weeks', NULL, 4,
        'Thirteen weeks of warfarin brought no improvement.'),
       ((SELECT id FROM sources WHERE slug = 'ivig-2008'),
        (SELECT id FROM treatments WHERE slug = 'd-penicillamine'),
        'case_report',
        'One woman, 56, with CREST syndrome for 8 years (anti-Scl-70 positive) and an inflamed '
        'index-finger deposit',
        1, 1, 'no_effect',
        'D-penicillamine for 30 weeks', NULL, 4,
        'Thirty weeks of D-penicillamine brought no improvement.'),
       ((SELECT id FROM sources WHERE slug = 'ivig-2008'),
        (SELECT id FROM treatments WHERE slug = 'extracorporeal-shock-wave-therapy'),
        'case_report',
        'One woman, 56, with CREST syndrome for 8 years (anti-Scl-70 positive) and an inflamed '
        'index-finger deposit',
        1, 1, 'no_effect',
        NULL, NULL, 4,
        'Shock wave lithotripsy brought no improvement; plastic surgeons then declined to operate '
        'because of the risk to wound healing.'),
       ((SELECT id FROM sources WHERE slug = 'radical-debridement-2016'),
        (SELECT id FROM treatments WHERE slug = 'surgical-excision'),
        'case_report',
        'One woman, 56, with SSc and painful deposits of the thumb pulp and elbow after failed '
        'medical treatment',
        1, 1, 'mixed',
        'Excision and curettage with local tissue rearrangement, repeated as radical excisions for '
        'new and recurrent deposits',
        'Recurrence and new deposits',
        4,
        'After the first excision she was free of pain for 26 months; new painful deposits then needed '
        'a radical excision, and three months later deposits had recurred and new ones appeared.'),
       ((SELECT id FROM sources WHERE slug = 'inguinal-resection-2019'),
        (SELECT id FROM treatments WHERE slug = 'surgical-excision'),
        'case_report',
        'One woman, 53, with SSc for 20 years and painful calcinosis in both groins',
        1, 1, 'improved',
        'Resection of the deposits with primary closure', NULL, 4,
        'Recovery after the resection went well; the report gives no length of follow-up.'),
       ((SELECT id FROM sources WHERE slug = 'inguinal-resection-2019'),
        (SELECT id FROM treatments WHERE slug = 'azathioprine-with-prednisone'),
        'case_report',
        'One woman, 53, with SSc for 20 years and painful calcinosis in both groins',
        1, 1, 'no_effect',
        'Azathioprine and prednisone, given to stabilise the underlying disease', NULL, 4,
        'The drugs did not stop the calcinosis from progressing or bring it into remission.'),
       ((SELECT id FROM sources WHERE slug = 'rituximab-2012'),
        (SELECT id FROM treatments WHERE slug = 'rituximab'),
        'case_report',
        'One patient with extensive, often ulcerated and painful calcinosis of CREST syndrome',
        1, 1, 'improved',
        'Two courses, each of four weekly infusions of 375 mg/m2', NULL, 4,
        'The calcinosis regressed markedly and the pain went away; the abstract does not measure the '
        'regression.');

-- Intravenous pamidronate: one series, three outcomes, with counts as printed.
INSERT INTO findings (source_id, treatment_id, design, population, n_total, outcome, events,
                      denominator, regimen, adverse_effects, evidence_level, statement)
SELECT (SELECT id FROM sources WHERE slug = 'bisphosphonates-2021'),
       (SELECT id FROM treatments WHERE slug = 'bisphosphonates'),
       'case_series',
       '7 patients with calcinosis cutis and an autoimmune connective tissue disease at one centre; '
       'the abstract does not say how many had SSc',
       7, v.outcome, v.events, v.denominator,
       'Intravenous pamidronate; dose and schedule not given in the abstract',
       'Fever was the most common; osteonecrosis of the jaw in 1 of 7',
       4, v.statement
FROM (VALUES ('improved', 5, 6,
              'Five of 6 reported less pain, a better general condition and no further growth of calcinosis.'),
             ('mixed', 2, 6,
              'On clinical photographs, skin lesions regressed in 2 of 6 and were stable in 1.'),
             ('mixed', 3, 5,
              'On imaging, calcinosis improved or stayed stable in 3 of 5.'))
     AS v (outcome, events, denominator, statement);

-- Second outcomes of series already cited for their first.
INSERT INTO findings (source_id, treatment_id, design, population, n_ssc, n_total, outcome, events,
                      denominator, regimen, follow_up, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'blumhardt-2016'),
        (SELECT id FROM treatments WHERE slug = 'extracorporeal-shock-wave-therapy'),
        'prospective_cohort',
        '4 SSc patients, each with one treated painful finger and one untreated control finger',
        4, 4, 'improved', 4, 4,
        'High-energy focused shock waves, 3 sessions one week apart, to one finger per patient',
        '12 weeks', 4,
        'Measured on CT, the treated deposit was smaller in all 4 patients, while the untreated control '
        'fingers did not change; on ultrasound it was smaller in 3 of 4.'),
       ((SELECT id FROM sources WHERE slug = 'narvaez-2019'),
        (SELECT id FROM treatments WHERE slug = 'rituximab'),
        'case_series',
        '8 patients with SSc and refractory calcinosis treated with rituximab',
        8, 8, 'mixed', 2, 8,
        '1 g twice per cycle; mean 3.12 cycles (range 1-7)',
        'median 19 months after the first infusion', 4,
        'On radiographs, deposits resolved or shrank in 2 of the 8 patients (25%); the others did not '
        'regress.');

COMMIT;
