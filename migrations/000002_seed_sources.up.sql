-- Seed content: the publications that the knowledge base cites.
--
-- Every row was checked against a public record (abstract level only; see verified_against).
-- pmid / doi are filled only where the identifier was seen on the official PubMed page
-- (or its address), on PMC, or on the journal's own page. An identifier seen only on a
-- mirror, proxy or aggregator is left NULL; NULL is not a claim that none exists.
-- Authors are given as shown on the record; "et al." marks a byline that was only partly visible.
-- Sources whose author byline was not visible on any record are not seeded.

BEGIN;

INSERT INTO sources (slug, pmid, doi, authors, title, journal, year, citation, publication_type, verified_against)
VALUES
    -- Anchor review. PMID: official PubMed address; DOI printed on PubMed and on the LWW journal page.
    ('valenzuela-2015',
     '26352733',
     '10.1097/BOR.0000000000000220',
     'Valenzuela A, Chung L',
     'Calcinosis: pathophysiology and management',
     'Curr Opin Rheumatol',
     2015,
     '27(6):542-8',
     'review',
     'abstract'),

    -- SCTC cohort. PMID and DOI printed on PMC (PMC5500288).
    ('valenzuela-2016',
     '27371996',
     '10.1016/j.semarthrit.2016.05.008',
     'Valenzuela A, Baron M; Canadian Scleroderma Research Group; Herrick AL, Proudman S, Stevens W; '
        'Australian Scleroderma Interest Group; Rodriguez-Reyna TS, Vacca A, Medsger TA Jr, Hinchcliff M, '
        'Hsu V, Wu JY, Fiorentino D, Chung L',
     'Calcinosis is associated with digital ulcers and osteoporosis in patients with systemic sclerosis: '
        'A Scleroderma Clinical Trials Consortium study',
     'Semin Arthritis Rheum',
     2016,
     '46(3):344-349',
     'journal_article',
     'abstract'),

    -- PMID and DOI printed on PMC (PMC5144666).
    ('baron-2016',
     '27593964',
     '10.1093/rheumatology/kew313',
     'Baron M, Pope J, Robinson D, Jones N, Khalidi N, Docherty P, Kaminska E, Masetto A, Sutton E, '
        'Mathieu JP, Ligier S, Grodzicky T, LeClercq S, Thorne C, Gyger G, Smith D, Fortin PR, Larché M, '
        'Abu-Hakima M, Rodriguez-Reyna TS, Cabral-Castaneda AR, Fritzler MJ, Wang M, Hudson M',
     'Calcinosis is associated with digital ischaemia in systemic sclerosis—a longitudinal study',
     'Rheumatology (Oxford)',
     2016,
     '55(12):2148-2155',
     'journal_article',
     'abstract'),

    -- PMID and DOI printed on PMC (PMC8205269).
    ('valenzuela-2020',
     '32898758',
     '10.1016/j.semarthrit.2020.06.007',
     'Valenzuela A, Baron M, Rodriguez-Reyna TS, Proudman S, Khanna D, Young A, Hinchcliff M, Steen V, '
        'Gordon J, Hsu V, Castelino FV, Schoenfeld S, Li S, Wu JY, Fiorentino D, Chung L',
     'Calcinosis is associated with ischemic manifestations and increased disability in patients with '
        'systemic sclerosis',
     'Semin Arthritis Rheum',
     2020,
     '50(5):891-896',
     'journal_article',
     'abstract'),

    -- PMID: official PubMed address; DOI printed on the PubMed page. Only the first author was visible.
    ('steen-1984',
     '6607734',
     '10.1002/art.1780270202',
     'Steen VD, et al.',
     'Clinical and laboratory associations of anticentromere antibody in patients with progressive '
        'systemic sclerosis',
     'Arthritis Rheum',
     1984,
     '27(2):125-31',
     'journal_article',
     'abstract'),

    -- Journal page (ard.bmj.com) only: no PMID or DOI seen. Volume, issue and first page come from
    -- the journal page's address (content/65/8/1088); pages as printed on an index record.
    -- Year from the journal volume (Ann Rheum Dis volume 65 = 2006).
    ('avouac-2006',
     NULL,
     NULL,
     'Avouac J, Guerini H, Wipff J, Assous N, Chevrot A, Kahan A, Allanore Y',
     'Radiological hand involvement in systemic sclerosis',
     'Ann Rheum Dis',
     2006,
     '65(8):1088-1092',
     'journal_article',
     'abstract'),

    -- Journal page (ard.bmj.com) only: no PMID or DOI seen. Volume, issue and first page come from
    -- the journal page's address (content/70/4/630). Year from the journal volume (volume 70 = 2011).
    ('avouac-2011',
     NULL,
     NULL,
     'Avouac J, Mogavero G, Guerini H, Drapé JL, Mathieu A, Kahan A, Allanore Y',
     'Predictive factors of hand radiographic lesions in systemic sclerosis: a prospective study',
     'Ann Rheum Dis',
     2011,
     '70(4):630',
     'journal_article',
     'abstract'),

    -- Journal page (ard.bmj.com) only: no PMID or DOI seen. Volume, issue and first page come from
    -- the journal page's address (content/57/4/252). Year from the journal volume (volume 57 = 1998).
    ('vayssairat-1998',
     NULL,
     NULL,
     'Vayssairat M, Hidouche D, Abdoucheli-Baudot N, Gaitz JP',
     'Clinical significance of subcutaneous calcinosis in patients with systemic sclerosis. '
        'Does diltiazem induce its regression?',
     'Ann Rheum Dis',
     1998,
     '57(4):252',
     'journal_article',
     'abstract'),

    -- PMID: official (legacy) NCBI PubMed address; DOI printed on the PubMed page.
    -- The journal byline was not shown; the first author is the one listed on the same-titled
    -- 2011 ACR abstract of this study.
    ('elhai-2012',
     '22422556',
     '10.1002/acr.21668',
     'Elhai M, et al.',
     'Ultrasonographic hand features in systemic sclerosis and correlates with clinical, biologic, '
        'and radiographic findings',
     'Arthritis Care Res (Hoboken)',
     2012,
     '64(8):1244-9',
     'journal_article',
     'abstract'),

    -- PMID: address of the PubMed record. The DOI was seen only on another journal's
    -- DOI-resolver page, not on PubMed or on this journal's page, so it stays NULL.
    -- The issue number was not printed.
    ('boulman-2005',
     '15942915',
     NULL,
     'Boulman N, Slobodin G, Rozenbaum M, Rosner I',
     'Calcinosis in Rheumatic Diseases',
     'Semin Arthritis Rheum',
     2005,
     '34:805-812',
     'review',
     'abstract'),

    -- PMID seen only on a PubMed mirror: NULL. DOI printed on the publisher's (Elsevier) article page.
    ('traineau-2020',
     NULL,
     '10.1016/j.jaad.2019.07.006',
     'Traineau H, Aggarwal R, Monfort JB, Senet P, Oddis CV, Chizzolini C, Barbaud A, Francès C, '
        'Arnaud L, Chasset F',
     'Treatment of calcinosis cutis in systemic sclerosis and dermatomyositis: A review of the literature',
     'J Am Acad Dermatol',
     2020,
     '82(2):317-325',
     'systematic_review',
     'abstract'),

    -- No PMID seen; the DOI was printed only on a reference-manager catalogue page: NULL.
    ('valenzuela-2016-management',
     NULL,
     NULL,
     'Valenzuela A, Chung L',
     'Management of Calcinosis Associated with Systemic Sclerosis',
     'Current Treatment Options in Rheumatology',
     2016,
     '2(1):85-96',
     'review',
     'abstract'),

    -- No PMID seen. DOI printed in the MEDLINE-format citation on the journal's own site.
    ('robertson-2003',
     NULL,
     '10.1136/ard.62.3.267',
     'Robertson LP, Marshall RW, Hickling P',
     'Treatment of cutaneous calcinosis in limited systemic sclerosis with minocycline',
     'Ann Rheum Dis',
     2003,
     '62(3):267-269',
     'journal_article',
     'abstract'),

    -- PMID: address of the official PubMed record. No DOI seen. Only the first author was visible.
    ('bottomley-1996',
     '8881679',
     NULL,
     'Bottomley WW, et al.',
     'Digital calcification in systemic sclerosis: effective treatment with good tissue preservation '
        'using the carbon dioxide laser',
     'Br J Dermatol',
     1996,
     '135(2):302-4',
     'journal_article',
     'abstract'),

    -- PMID and DOI seen only on a PubMed mirror: both NULL.
    ('narvaez-2019',
     NULL,
     NULL,
     'Narváez J, Pirola JP, LLuch J, Juarez P, Nolla JM, Valenzuela A',
     'Effectiveness and safety of rituximab for the treatment of refractory systemic sclerosis '
        'associated calcinosis: A case series and systematic review of the literature',
     'Autoimmun Rev',
     2019,
     '18(3):262-269',
     'journal_article',
     'abstract'),

    -- No PMID seen. DOI printed on the journal's (JAMA Network) page.
    ('balin-2012',
     NULL,
     '10.1001/archdermatol.2011.2052',
     'Balin SJ, Wetter DA, Andersen LK, Davis MDP',
     'Calcinosis Cutis Occurring in Association With Autoimmune Connective Tissue Disease: '
        'The Mayo Clinic Experience With 78 Patients, 1996-2009',
     'Arch Dermatol',
     2012,
     '148(4):455-462',
     'journal_article',
     'abstract'),

    -- PMID printed on the journal's own page. No DOI seen.
    ('blumhardt-2016',
     '27494629',
     NULL,
     'Blumhardt S, Frey DP, Toniolo M, Alkadhi H, Held U, Distler O',
     'Safety and efficacy of extracorporeal shock wave therapy (ESWT) in calcinosis cutis associated '
        'with systemic sclerosis',
     'Clin Exp Rheumatol',
     2016,
     '34(5 Suppl 100):177-180',
     'journal_article',
     'abstract'),

    -- PMID and DOI printed on PMC (PMC6835016).
    ('tajalli-2019',
     '31709293',
     '10.1016/j.jdcr.2019.08.011',
     'Tajalli M, Qureshi AA',
     'Successful treatment of calcinosis cutis of fingertip in the setting of CREST syndrome with '
        'topical 20% sodium thiosulfate',
     'JAAD Case Rep',
     2019,
     '5(11):988-990',
     'case_report',
     'abstract');

COMMIT;
