-- Seed content: the mouse models of heritable ectopic mineralisation, and the pyrophosphate
-- pathway that links them.
--
-- The anchor review points to mouse models of heritable ectopic mineralisation without naming
-- them; 000005 therefore left genes and animal_models empty. The sources added here name the
-- models and genes. None of them studied patients with SSc or an SSc model: every mechanism in
-- this file has studied_in_ssc = false and in_review = false (the review's own mention stays on
-- 'heritable-ectopic-mineralization-models').
-- Every new source was checked on its PMC record or, for Kingman 2017, on the journal's own
-- (Oncotarget) page; abstract level only. Gene symbols are written in upper case throughout,
-- whatever case the record used for the mouse gene; model names follow the records.
-- Evidence levels (Oxford CEBM 2011): animal work and reviews of it 5.

BEGIN;

INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type,
                     verified_against, peer_reviewed)
VALUES
    -- PMID, DOI, authors and citation printed on PMC (PMC3349969). PMC prints the date as
    -- 2008 Oct 22 for volume 18, issue 1; that printed year is the one stored here.
    ('li-2008',
     '19054062',
     '10.1111/j.1600-0625.2008.00795.x',
     'Li Q, Jiang Q, Pfendner E, Váradi A, Uitto J',
     'Pseudoxanthoma elasticum: Clinical phenotypes, molecular genetics and putative pathomechanisms',
     'Exp Dermatol',
     2008,
     '18(1):1-11',
     'review',
     'abstract',
     true),

    -- PMID, DOI, authors and citation printed on PMC (PMC4257536).
    ('li-2014-asj',
     '25479107',
     '10.1371/journal.pone.0113542',
     'Li Q, Pratt CH, Dionne LA, Fairfield H, Karst SY, Sundberg JP, Uitto J',
     'Spontaneous asj-2J Mutant Mouse as a Model for Generalized Arterial Calcification of Infancy: '
        'A Large Deletion/Insertion Mutation in the Enpp1 Gene',
     'PLoS One',
     2014,
     '9(12):e113542',
     'journal_article',
     'abstract',
     true),

    -- Authors, title, year, volume, pages and DOI printed on the journal's page (oncotarget.com).
    -- No PMID was seen (the PMC page's header was not available). The issue was not printed.
    ('kingman-2017',
     NULL,
     '10.18632/oncotarget.16687',
     'Kingman J, Uitto J, Li Q',
     'Elevated dietary magnesium during pregnancy and postnatal life prevents ectopic mineralization '
        'in Enpp1asj mice, a model for generalized arterial calcification of infancy',
     'Oncotarget',
     2017,
     '8:38152-38160',
     'journal_article',
     'abstract',
     true),

    -- PMID, DOI, authors and citation printed on PMC (PMC7029863).
    ('babler-2020',
     '32074140',
     '10.1371/journal.pone.0228938',
     'Babler A, Schmitz C, Buescher A, Herrmann M, Gremse F, Gorgels T, Floege J, Jahnen-Dechent W',
     'Microvasculopathy and soft tissue calcification in mice are governed by fetuin-A, magnesium '
        'and pyrophosphate',
     'PLoS One',
     2020,
     '15(2):e0228938',
     'journal_article',
     'abstract',
     true),

    -- PMID, DOI, authors and citation printed on PMC (PMC7795895); PMC dates it 2020 Dec 31.
    ('luo-2020',
     '33396306',
     '10.3390/jcm10010114',
     'Luo H, Li Q, Cao Y, Uitto J',
     'Therapeutics Development for Pseudoxanthoma Elasticum and Related Ectopic Mineralization '
        'Disorders: Update 2020',
     'J Clin Med',
     2020,
     '10(1):114',
     'review',
     'abstract',
     true),

    -- PMID, DOI, authors and citation printed on PMC (PMC8123679).
    ('shimada-2021',
     '33925341',
     '10.3390/ijms22094555',
     'Shimada BK, Pomozi V, Zoll J, Kuo S, Martin L, Le Saux O',
     'ABCC6, Pyrophosphate and Ectopic Calcification: Therapeutic Solutions',
     'Int J Mol Sci',
     2021,
     '22(9):4555',
     'review',
     'abstract',
     true);

INSERT INTO mechanisms (slug, name, description, support, animal_models, genes, in_review, studied_in_ssc)
VALUES
    ('abcc6-deficiency-models',
     'ABCC6 deficiency (pseudoxanthoma elasticum) mouse models',
     'Mice lacking the ABCC6 transporter, the gene whose loss-of-function mutations cause the '
        'inherited disorder pseudoxanthoma elasticum. The knockout mice lay down mineral in '
        'connective tissue much as patients do, which makes them a working model of ectopic '
        'mineralisation. None of these models was studied in SSc, and no verified source links '
        'ABCC6 to calcinosis in SSc.',
     'animal_model',
     '{"Abcc6-/- knockout mouse"}',
     '{ABCC6}',
     false,
     false),
    ('enpp1-deficiency-models',
     'ENPP1 deficiency (generalized arterial calcification of infancy) mouse models',
     'Mice carrying Enpp1 mutations (the asj and asj-2J strains), models of generalized arterial '
        'calcification of infancy, a recessive disorder caused by ENPP1 mutations. They mineralise '
        'arteries, internal organs and the skin around the whiskers. None of these models was '
        'studied in SSc.',
     'animal_model',
     '{"Enpp1 asj mouse","Enpp1 asj-2J mouse"}',
     '{ENPP1}',
     false,
     false),
    ('pyrophosphate-pathway',
     'Pyrophosphate pathway (ABCC6, ENPP1, CD73, TNAP)',
     'The pathway that ties the heritable mineralisation disorders together: ABCC6 helps cells '
        'release ATP, which the enzymes NPP1 (ENPP1) and CD73 (NT5E) turn into inorganic '
        'pyrophosphate, a strong inhibitor of calcification, and adenosine, which restrains '
        'calcification indirectly by suppressing tissue-nonspecific alkaline phosphatase (TNAP). '
        'Low plasma pyrophosphate is the shared feature of these disorders and has been shown in '
        'mice. None of this work was done in SSc.',
     'animal_model',
     '{"Enpp1 asj-2J mouse","Fetuin-A-deficient mouse"}',
     '{ABCC6,ENPP1,NT5E}',
     false,
     false),
    ('fetuin-a-deficient-mice',
     'Fetuin-A-deficient mice',
     'Mice that lack the circulating calcification inhibitor fetuin-A. On the DBA/2 genetic '
        'background they develop severe soft-tissue calcification, while on C57BL/6 they stay '
        'healthy; crossing the two strains pointed to magnesium handling and pyrophosphate supply as '
        'further modifiers. These mice were not studied as a model of SSc.',
     'animal_model',
     '{"Fetuin-A-deficient mouse"}',
     '{ABCC6,TRPM6}',
     false,
     false);

-- The review's record of heritable ectopic mineralisation models: fill in the models and genes
-- that the sources above name (ABCC6 and ENPP1 are the genes whose mouse models they describe).
-- 000005 left both arrays empty; the down migration restores that.
UPDATE mechanisms
SET genes = '{ABCC6,ENPP1}',
    animal_models = '{"Abcc6-/- knockout mouse","Enpp1 asj mouse","Enpp1 asj-2J mouse"}'
WHERE slug = 'heritable-ectopic-mineralization-models';

-- Heritable ectopic mineralization models (existing record) -----------------------------------

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'li-2008'),
        (SELECT id FROM mechanisms WHERE slug = 'heritable-ectopic-mineralization-models'),
        'narrative_review', 'Pseudoxanthoma elasticum in patients and Abcc6 knockout mice; no SSc', 5,
        'Pseudoxanthoma elasticum, an autosomal recessive disorder, results from loss-of-function '
        'mutations in ABCC6, and mice with Abcc6 knocked out reproduce its connective-tissue '
        'mineralisation.');

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'li-2014-asj'),
        (SELECT id FROM mechanisms WHERE slug = 'heritable-ectopic-mineralization-models'),
        'animal_model', 'asj-2J mice (Enpp1 mutant), compared with asj mice; no SSc', 5,
        'The spontaneous asj-2J mouse, which carries a large deletion with a small insertion in '
        'Enpp1, is put forward as a model of generalized arterial calcification of infancy.');

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'shimada-2021'),
        (SELECT id FROM mechanisms WHERE slug = 'heritable-ectopic-mineralization-models'),
        'narrative_review', 'ABCC6-related calcification disorders and their animal models; no SSc', 5,
        'The review notes animal models of ABCC6-related calcification in mice, rats and zebrafish, '
        'and that treatment of pseudoxanthoma elasticum and generalized arterial calcification of '
        'infancy is still only symptomatic.');

-- ABCC6 deficiency ----------------------------------------------------------------------------

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'li-2008'),
        (SELECT id FROM mechanisms WHERE slug = 'abcc6-deficiency-models'),
        'narrative_review', 'Pseudoxanthoma elasticum in patients and Abcc6 knockout mice; no SSc', 5,
        'ABCC6 is a transporter made mostly in the liver and kidney; its loss causes pseudoxanthoma '
        'elasticum, and Abcc6 knockout mice recapitulate the mineralisation. The authors propose that '
        'losing ABCC6 lowers the vitamin K-dependent carboxylation of matrix Gla protein, whose fully '
        'carboxylated form inhibits mineralisation; this is a hypothesis, not a tested result.');

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'shimada-2021'),
        (SELECT id FROM mechanisms WHERE slug = 'abcc6-deficiency-models'),
        'narrative_review', 'ABCC6-related calcification disorders and their animal models; no SSc', 5,
        'ABCC6 dysfunction is the main cause of pseudoxanthoma elasticum and accounts for some cases '
        'of generalized arterial calcification of infancy; in mice, ABCC6 deficiency also underlies '
        'an inducible form of dystrophic calcification of the heart.');

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'babler-2020'),
        (SELECT id FROM mechanisms WHERE slug = 'abcc6-deficiency-models'),
        'animal_model', 'Fetuin-A-deficient mice from an intercross of DBA/2 and C57BL/6 strains; no SSc', 5,
        'In fetuin-A-deficient mice, a hypomorphic Abcc6 mutation was among the genetic factors '
        'associated with how severe soft-tissue calcification became.');

-- ENPP1 deficiency ----------------------------------------------------------------------------

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'li-2014-asj'),
        (SELECT id FROM mechanisms WHERE slug = 'enpp1-deficiency-models'),
        'animal_model', 'asj-2J mice (Enpp1 mutant), compared with asj mice; no SSc', 5,
        'asj-2J mice, which arose spontaneously in a BALB/cJ colony and have stiff joints, carry a '
        '40,035 bp deletion in Enpp1 with a 74 bp insertion. Micro-CT, calcium staining and a '
        'chemical calcium assay showed widespread mineralisation of arteries, several internal '
        'organs and the whisker dermal sheath, more than in asj mice, particularly on a high-phosphate, '
        'low-magnesium diet.');

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'kingman-2017'),
        (SELECT id FROM mechanisms WHERE slug = 'enpp1-deficiency-models'),
        'animal_model', 'Enpp1 asj mice and their mothers on control or high-magnesium diets; no SSc', 5,
        'Raising dietary magnesium five-fold in pregnant mothers and keeping pups on it to 14 weeks '
        'left little or no mineralisation in muzzle skin, kidney and aorta, but only when the mothers '
        'had also had the diet through pregnancy and nursing. Urinary calcium and magnesium rose; the '
        'authors propose that magnesium interferes with calcium-phosphate binding.');

-- Pyrophosphate pathway -----------------------------------------------------------------------

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'shimada-2021'),
        (SELECT id FROM mechanisms WHERE slug = 'pyrophosphate-pathway'),
        'narrative_review', 'ABCC6-related calcification disorders and their animal models; no SSc', 5,
        'ABCC6 helps cells export ATP; NPP1 and CD73 (NT5E) convert it into pyrophosphate, a potent '
        'calcification inhibitor, and adenosine, which acts indirectly by suppressing TNAP '
        'synthesis.');

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'luo-2020'),
        (SELECT id FROM mechanisms WHERE slug = 'pyrophosphate-pathway'),
        'narrative_review', 'Heritable ectopic mineralisation disorders (PXE, GACI, ACDC); no SSc', 5,
        'Pseudoxanthoma elasticum (ABCC6), generalized arterial calcification of infancy (ENPP1) and '
        'arterial calcification due to CD73 deficiency (NT5E) share low plasma inorganic '
        'pyrophosphate. Therapies in development either restore pyrophosphate or block hydroxyapatite '
        'deposition by other routes; several are in advanced preclinical or early clinical testing.');

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'li-2014-asj'),
        (SELECT id FROM mechanisms WHERE slug = 'pyrophosphate-pathway'),
        'animal_model', 'asj-2J mice (Enpp1 mutant), compared with asj mice; no SSc', 5,
        'The Enpp1-mutant asj-2J mice had significantly lower plasma pyrophosphate and a lower ratio '
        'of pyrophosphate to phosphate.');

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'babler-2020'),
        (SELECT id FROM mechanisms WHERE slug = 'pyrophosphate-pathway'),
        'animal_model', 'Fetuin-A-deficient mice; no SSc', 5,
        'Giving pyrophosphate by injection markedly reduced soft-tissue calcification in '
        'fetuin-A-deficient mice, as did fetuin-A injections, dietary magnesium or phosphate '
        'restriction.');

-- Fetuin-A-deficient mice ---------------------------------------------------------------------

INSERT INTO findings (source_id, mechanism_id, design, population, evidence_level, statement)
VALUES ((SELECT id FROM sources WHERE slug = 'babler-2020'),
        (SELECT id FROM mechanisms WHERE slug = 'fetuin-a-deficient-mice'),
        'animal_model', 'Fetuin-A-deficient mice on DBA/2 and C57BL/6 backgrounds and their intercross; no SSc', 5,
        'Fetuin-A deficiency caused severe soft-tissue calcification on the DBA/2 background but not '
        'on C57BL/6. In the intercross, a hypomorphic Abcc6 mutation and failure to regulate the '
        'renal magnesium transporter Trpm6 went with more severe calcification, and fetuin-A, '
        'magnesium, phosphate restriction or pyrophosphate each reduced it (CT, histology, tissue '
        'calcium). The authors describe a combined shortage of three inhibitors and relate it to '
        'advanced chronic kidney disease, not to SSc.');

COMMIT;
