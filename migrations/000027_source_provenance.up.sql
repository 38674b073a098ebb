-- Provenance: each source names the record that was read (url) and how it was verified
-- (verification), so that a tool can keep to evidence whose record was read itself.
--
-- The values come from what the migrations that seeded each source say was read (000002,
-- 000009, 000011, 000012, 000018, 000020), with the address of that record. Two sources were
-- read only on copies that do not meet the policy (one secondary copy each): they are marked
-- single_secondary rather than given a value they have not earned.
BEGIN;

ALTER TABLE sources
    ADD COLUMN url text CHECK (url ~ '^https?://[^[:space:]]+$'),
    ADD COLUMN verification text CHECK (verification IN (
        'publisher', 'pubmed', 'pmc', 'concordant_secondary', 'single_secondary'));
COMMENT ON COLUMN sources.url IS 'The address of the record that was read.';
COMMENT ON COLUMN sources.verification IS 'How the record was verified: publisher (the publisher''s or journal''s own page, or the society''s archive of its meeting abstracts), pubmed or pmc (that record itself); concordant_secondary (at least two independent copies agree on title, journal, volume, pages, identifiers and every number used); single_secondary (one secondary copy only: below the policy, kept until the record is found).';

DO $$
DECLARE n integer;
BEGIN
    UPDATE sources AS s
    SET url = v.url, verification = v.verification
    FROM (VALUES
        ('avouac-2006', 'publisher',
         'https://ard.bmj.com/content/65/8/1088'),
        ('avouac-2011', 'publisher',
         'https://ard.bmj.com/content/70/4/630'),
        ('babler-2020', 'pmc',
         'https://pmc.ncbi.nlm.nih.gov/articles/PMC7029863/'),
        ('balin-2012', 'publisher',
         'http://archderm.jamanetwork.com/article.aspx?doi=10.1001/archdermatol.2011.2052'),
        ('baron-2016', 'pmc',
         'https://pmc.ncbi.nlm.nih.gov/articles/PMC5144666/'),
        ('bauer-2016', 'publisher',
         'https://ard.bmj.com/content/75/Suppl_2/535.2'),
        ('bisphosphonates-2021', 'publisher',
         'https://www.mdpi.com/2227-9059/9/11/1698'),
        ('blumhardt-2016', 'publisher',
         'https://www.clinexprheumatol.org/abstract.asp?a=10316'),
        ('bottomley-1996', 'pubmed',
         'https://pubmed.ncbi.nlm.nih.gov/8881679/'),
        ('boulman-2005', 'pubmed',
         'https://pubmed.ncbi.nlm.nih.gov/15942915/'),
        ('calcinosis-subsets-2016', 'pubmed',
         'https://www.jrheum.org/lookup/external-ref?access_num=27241706&link_type=MED&atom=%2Fjrheum%2F49%2F9%2F980.atom'),
        ('carranza-muleiro-2017', 'publisher',
         'http://ard.bmj.com/content/76/Suppl_2/1286.2'),
        ('conde-2021', 'publisher',
         'https://www.acquaintpublications.com/article/cutaneous_calcinosis_in_limited_cutaneous_systemic_scleroderma_clinical_case_and_review_of_therapeutic_options'),
        ('elhai-2012', 'pubmed',
         'https://www.ncbi.nlm.nih.gov/pubmed/22422556?dopt=Abstract'),
        ('fawzy-2016', 'publisher',
         'http://www.err.eg.net/article.asp?issn=1110-161X;year=2016;volume=43;issue=3;spage=95;epage=101;aulast=Fawzy;type=0'),
        ('fernandes-2023', 'publisher',
         'https://acrabstracts.org/abstract/chelation-therapy-in-the-management-of-calcinosis-associated-with-systemic-sclerosis'),
        ('fonseca-2019', 'publisher',
         'https://acrabstracts.org/abstract/minocycline-for-refractory-calcinosis-in-systemic-sclerosis-a-single-centre-observational-cohort-study'),
        ('hand-debulking-2021', 'pubmed',
         'https://www.pubmed.gov/33795151/'),
        ('hsu-2014', 'publisher',
         'http://ard.bmj.com/content/73/Suppl_2/571.1'),
        ('inguinal-resection-2019', 'publisher',
         'http://rbcp.org.br/details/2357/surgical-resection-of-symptomatic-calcinosis-in-a-patient-with-systemic-sclerosis'),
        ('intralesional-thiosulfate-2021', 'pubmed',
         'http://www.pubmed.gov/33244722/'),
        ('ivig-2008', 'publisher',
         'http://jamanetwork.com/journals/jamadermatology/fullarticle/419650'),
        ('kingman-2017', 'publisher',
         'https://www.oncotarget.com/article/16687/text/'),
        ('li-2008', 'pmc',
         'https://pmc.ncbi.nlm.nih.gov/articles/PMC3349969/'),
        ('li-2014-asj', 'pmc',
         'https://pmc.ncbi.nlm.nih.gov/articles/PMC4257536/'),
        ('lofaro-2024', 'publisher',
         'https://frontiersin.org/journals/immunology/articles/10.3389/fimmu.2024.1502324/full'),
        ('luo-2020', 'pmc',
         'https://pmc.ncbi.nlm.nih.gov/articles/PMC7795895/'),
        ('morardet-2014', 'publisher',
         'https://ard.bmj.com/content/73/Suppl_2/562.3'),
        ('narvaez-2019', 'single_secondary',
         'http://47.251.13.51:8081/30639647'),
        ('radical-debridement-2016', 'publisher',
         'https://www.e-aps.org/journal/view.php?number=700&viewtype=pubreader'),
        ('richardson-2020', 'publisher',
         'https://acrabstracts.org/abstract/18f-naf-pet-ct-identifies-active-calcium-uptake-in-calcinosis-due-to-dermatomyositis-and-scleroderma'),
        ('richardson-2020-burden', 'publisher',
         'https://acrabstracts.org/abstract/a-heavy-burden-of-calcinosis-reflects-cumulative-disease-damage-in-scleroderma/'),
        ('rituximab-2012', 'publisher',
         'https://www.reumatologiaclinica.org/index.php?p=doi-resolver&doi=10.1016/j.semarthrit.2011.11.007'),
        ('robertson-2003', 'publisher',
         'https://ard.bmj.com/highwire/citation/145721/medlars'),
        ('rutgers-cohort-2017', 'publisher',
         'https://informahealthcare.com/doi/abs/10.1080/14397595.2017.1349594'),
        ('samoes-2023', 'publisher',
         'https://link.springer.com/article/10.1007/s10067-023-06617-5'),
        ('sampaio-barros-2019', 'publisher',
         'https://link.springer.com/article/10.1007%2Fs10067-019-04637-8'),
        ('shimada-2021', 'pmc',
         'https://pmc.ncbi.nlm.nih.gov/articles/PMC8123679/'),
        ('steen-1984', 'pubmed',
         'https://pubmed.ncbi.nlm.nih.gov/6607734/'),
        ('tajalli-2019', 'pmc',
         'https://pmc.ncbi.nlm.nih.gov/articles/PMC6835016/'),
        ('traineau-2020', 'publisher',
         'https://casereports.bmj.com/lookup/external-ref?access_num=10.1016/j.jaad.2019.07.006&link_type=DOI'),
        ('valenzuela-2015', 'pubmed',
         'https://pubmed.ncbi.nlm.nih.gov/26352733/'),
        ('valenzuela-2016', 'pmc',
         'https://pmc.ncbi.nlm.nih.gov/articles/PMC5500288/'),
        ('valenzuela-2016-management', 'single_secondary',
         'https://www.mendeley.com/catalogue/2a356c59-dc21-302e-a96d-806c88081684/'),
        ('valenzuela-2020', 'pmc',
         'https://pmc.ncbi.nlm.nih.gov/articles/PMC8205269/'),
        ('vayssairat-1998', 'publisher',
         'http://ard.bmj.com/content/57/4/252.full.pdf'))
        AS v (slug, verification, url)
    WHERE s.slug = v.slug;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 46 THEN
        RAISE EXCEPTION 'source provenance: expected 46 rows, changed %', n;
    END IF;
END
$$;

-- Every source from now on says what was read.
ALTER TABLE sources
    ALTER COLUMN url SET NOT NULL,
    ALTER COLUMN verification SET NOT NULL;
CREATE INDEX sources_verification ON sources (verification);

COMMIT;
